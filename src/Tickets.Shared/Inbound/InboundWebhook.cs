using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;

namespace Tickets.Inbound;

/// <summary>
/// The webhook door (<c>POST /inbound/email</c>): a mail service posts a raw RFC 5322 message signed with the shared
/// secret — <c>X-Tickets-Timestamp: &lt;unix seconds&gt;</c> and <c>X-Tickets-Signature: sha256=&lt;hex HMAC-SHA256 of
/// "&lt;timestamp&gt;.&lt;body&gt;"&gt;</c>. A stale timestamp (either way) or a wrong signature is refused before anything
/// is kept; an accepted message is written to the inbound container and queued, as the mailbox poll does.
/// </summary>
public sealed class InboundWebhook(IOptions<InboundOptions> options, IInboundMailBlobs blobs, IQueueSender queue, TimeProvider time)
{
    public const string TimestampHeader = "X-Tickets-Timestamp";
    public const string SignatureHeader = "X-Tickets-Signature";
    private const string SignaturePrefix = "sha256=";
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Whether the door exists: a secret is configured.</summary>
    public bool Enabled => options.Value.WebhookEnabled;

    /// <summary>The largest body taken (<see cref="InboundOptions.MaxMessageBytes"/>).</summary>
    public long MaxBytes => options.Value.MaxMessageBytes;

    /// <summary>
    /// Checks the timestamp, reads at most <see cref="MaxBytes"/> of <paramref name="body"/> while hashing it, compares
    /// the signature in constant time, then keeps and queues the message. 401 naming the header at fault, 413 naming
    /// the limit.
    /// </summary>
    public async Task<Result<InboundMailMessage>> AcceptAsync(
        string? timestamp, string? signature, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return Refused(TimestampHeader, "Send the time of signing as Unix seconds.");
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > settings.WebhookTolerance)
            return Refused(TimestampHeader, $"The timestamp is more than {settings.WebhookTolerance} away from now: sign again.");
        if (signature is null || !signature.StartsWith(SignaturePrefix, StringComparison.Ordinal)
            || signature.Length != SignaturePrefix.Length + 2 * SHA256.HashSizeInBytes)
            return Refused(SignatureHeader, "Send sha256= and the hex HMAC-SHA256 of \"<timestamp>.<body>\".");
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(signature.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return Refused(SignatureHeader, "Send sha256= and the hex HMAC-SHA256 of \"<timestamp>.<body>\".");
        }

        if (contentLength > settings.MaxMessageBytes) return TooLarge(settings.MaxMessageBytes);

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(settings.WebhookSecret!));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        using var content = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > settings.MaxMessageBytes) return TooLarge(settings.MaxMessageBytes);
            hmac.AppendData(buffer, 0, read);
            content.Write(buffer, 0, read);
        }

        if (!CryptographicOperations.FixedTimeEquals(hmac.GetHashAndReset(), claimed))
            return Refused(SignatureHeader, "The signature does not match the body and timestamp.");

        var id = Guid.NewGuid().ToString("N");
        var message = new InboundMailMessage(id, $"webhook-{id}", InboundDoor.Webhook, now);
        content.Position = 0;
        await blobs.WriteAsync(message.Blob, content, cancellationToken);
        await queue.SendAsync(QueueNames.InboundMail, JsonSerializer.Serialize(message, Json.Options), null, cancellationToken);
        return message;
    }

    /// <summary>The signature a sender computes; for senders and tests.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return SignaturePrefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    private static Error Refused(string header, string message) =>
        new(ErrorKind.Unauthorized, "invalid_signature", "Unauthorized.", message)
        {
            Errors = new Dictionary<string, string[]> { [header] = [message] },
            ErrorCodes = new Dictionary<string, string[]> { [header] = [FieldCodes.Invalid] },
        };

    private static Error TooLarge(long maxBytes) =>
        new(ErrorKind.PayloadTooLarge, "payload_too_large", "Payload too large.", $"A message may not exceed {maxBytes} bytes; nothing was kept.")
        {
            Errors = new Dictionary<string, string[]> { ["body"] = [$"Is larger than {maxBytes} bytes."] },
            ErrorCodes = new Dictionary<string, string[]> { ["body"] = [FieldCodes.TooLong] },
            Extensions = new Dictionary<string, object?> { ["maxBytes"] = maxBytes },
        };
}
