using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Messaging;

/// <summary>
/// Sends whatever the dispatcher could not: messages still pending <see cref="OutboxOptions.RelayAfter"/> after their
/// change (queue down at the time, process stopped before sending). Run by the <c>OutboxRelay</c> timer function.
/// </summary>
public sealed partial class OutboxRelay(
    IOutboxStore outbox, OutboxDispatcher dispatcher, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxRelay> logger)
{
    private const int Senders = 8;

    /// <summary>Returns how many messages reached their queue.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = time.GetUtcNow() - settings.RelayAfter;
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pending = await outbox.ListPendingAsync(before, settings.RelayBatchSize, cancellationToken);
            var sentNow = new ConcurrentBag<OutboxMessage>();
            // Several at a time: after an outage or a crash the backlog is thousands of messages, one queue call each.
            // The page's sent messages then leave the outbox in one removal.
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Senders, CancellationToken = cancellationToken }, async (message, token) =>
            {
                if (await dispatcher.TrySendAsync(message, token)) sentNow.Add(message);
            });
            await dispatcher.RemoveSentAsync(sentNow, cancellationToken);

            sent += sentNow.Count;
            // A short page means nothing older is left; a page that sent nothing means the queue is down: try next run.
            // A page with some failures goes on: a queue busy catching up times out a few sends, and stopping the run for
            // them would leave a backlog of thousands to one page a minute. What failed is first in the next page.
            if (pending.Count < settings.RelayBatchSize || sentNow.IsEmpty) break;
        }

        if (sent > 0) LogRelayed(logger, sent);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay sent {Count} pending messages")]
    private static partial void LogRelayed(ILogger logger, int count);
}
