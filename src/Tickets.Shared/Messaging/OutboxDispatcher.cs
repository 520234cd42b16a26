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

    /// <summary>Messages a sender takes at once: sent one by one, then removed from the outbox together.</summary>
    internal const int MaxBatch = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A few senders in parallel: one slow queue call must not hold back every other change's messages.
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendLoopAsync(stoppingToken)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxMessage>(MaxBatch);
        try
        {
            // Whatever is waiting, up to a batch: under load a change's messages (a create has five) and other changes'
            // leave the outbox in one write instead of one write each, through the store's single writer.
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var message)) batch.Add(message);
                await SendAndRemoveAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unsent messages are still in the outbox.
        }
    }

    /// <summary>Sends each message, then removes those the queue took in one call; returns how many were sent.</summary>
    internal async Task<int> SendAndRemoveAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken stoppingToken)
    {
        var sent = new List<OutboxMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (await TrySendAsync(message, stoppingToken)) sent.Add(message);
        }

        await RemoveSentAsync(sent, stoppingToken);
        return sent.Count;
    }

    /// <summary>Sends one message; false (and the message kept) when the queue fails or does not answer in time.</summary>
    internal async Task<bool> TrySendAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        try
        {
            await sender.SendAsync(message.Queue, message.Body, message.VisibleAt, timeout.Token);
            return true;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogSendFailed(logger, e, message.Id, message.Queue);
            return false;
        }
    }

    /// <summary>Removes messages the queue has; a store failure leaves them pending, to be sent again (consumers are idempotent).</summary>
    internal async Task RemoveSentAsync(IReadOnlyCollection<OutboxMessage> sent, CancellationToken stoppingToken)
    {
        if (sent.Count == 0) return;
        try
        {
            await outbox.RemoveAsync(sent, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Sent but still pending: the relay sends them again and the consumer's idempotency absorbs the repeat.
            LogRemoveFailed(logger, e, sent.Count, sent.First().Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} for queue {Queue} not sent now; the relay will retry it")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} outbox messages (the first {MessageId}) were sent but could not be removed; they may be sent again")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, int count, string messageId);
}
