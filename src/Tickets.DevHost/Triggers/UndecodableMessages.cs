using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using Tickets.Messaging;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// A message that does not decode with host.json's messageEncoding (a sender that did not Base64-encode it) can
/// never be handled: like the Functions queue extension, move it as received to <c>&lt;queue&gt;-poison</c> at once.
/// </summary>
internal static partial class UndecodableMessages
{
    public static void MoveToPoison(QueueClientOptions options, ILogger logger) =>
        options.MessageDecodingFailed += async args =>
        {
            if (args.ReceivedMessage is not { } message) return;

            var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(QueueNames.Poison(args.Queue.Name));
            LogUndecodable(logger, args.Queue.Name, message.MessageId, poison.Name);
            await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
            await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of {Queue} does not decode with host.json's messageEncoding; moving it to {PoisonQueue}")]
    private static partial void LogUndecodable(ILogger logger, string queue, string messageId, string poisonQueue);
}
