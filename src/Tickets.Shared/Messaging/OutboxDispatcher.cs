using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Messaging;

/// <summary>
/// Sends a change's outbox messages right after its commit, in the background: the HTTP answer never waits for a
/// queue. A message that cannot be sent within <see cref="OutboxOptions.SendTimeout"/> stays in the outbox, where
/// <see cref="OutboxRelay"/> finds it later; so does anything this process had not sent when it stopped.
/// </summary>
public sealed partial class OutboxDispatcher(
    IQueueSender sender, IOutboxStore outbox, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    // Bounded, and a full channel drops the newest: those messages are still in the outbox, the relay sends them.
    private readonly Channel<OutboxMessage> _pending = Channel.CreateBounded<OutboxMessage>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    /// <summary>Hands committed messages over for sending; never blocks.</summary>
    public void Dispatch(IEnumerable<OutboxMessage> committed)
    {
        foreach (var message in committed) _pending.Writer.TryWrite(message);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A few senders in parallel: one slow queue call must not hold back every other change's messages.
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _pending.Reader.ReadAllAsync(stoppingToken))
                await TrySendAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unsent messages are still in the outbox.
        }
    }

    /// <summary>Sends and then removes one message; false (and the message kept) when the queue or the store fails.</summary>
    internal async Task<bool> TrySendAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            await sender.SendAsync(message.Queue, message.Body, message.VisibleAt, timeout.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogSendFailed(logger, e, message.Id, message.Queue);
            return false;
        }

        try
        {
            await outbox.RemoveAsync(message, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Sent but still pending: the relay sends it again and the consumer's idempotency absorbs the repeat.
            LogRemoveFailed(logger, e, message.Id);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} for queue {Queue} not sent now; the relay will retry it")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was sent but could not be removed; it may be sent again")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, string messageId);
}
