using Microsoft.Extensions.Logging;
using MimeKit;

namespace Tickets.Inbound;

/// <summary>
/// What an inbound message becomes: reads the raw message the door kept, and makes it a ticket, a comment, or a refusal
/// recorded with its reason. A blob that is gone or cannot be parsed throws, so the queue retries and then poisons it.
/// </summary>
public sealed partial class InboundMailProcessor(IInboundMailBlobs blobs, ILogger<InboundMailProcessor> logger)
{
    public async Task ProcessAsync(InboundMailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var raw = await blobs.OpenReadAsync(message.Blob, cancellationToken)
            ?? throw new InvalidDataException($"The inbound message {message.Id} has no blob {message.Blob}.");
        MimeMessage mime;
        try
        {
            mime = await MimeMessage.LoadAsync(raw, cancellationToken);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The inbound message {message.Id} is not a MIME message.", e);
        }

        using (mime)
        {
            LogReceived(logger, message.Id, message.Door);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Id} from {Door}")]
    private static partial void LogReceived(ILogger logger, string id, InboundDoor door);
}
