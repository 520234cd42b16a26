using Azure;
using Azure.Storage.Queues;

namespace Tickets.Messaging;

/// <summary>One queue as <c>/api/health/details</c> shows it.</summary>
public sealed record QueueStatus(string Name, bool Reachable, int? ApproximateMessages)
{
    /// <summary>A poison queue (<see cref="QueueNames.Poison"/>) holding messages: some work failed for good and waits for someone.</summary>
    public bool HoldsPoison => QueueNames.IsPoison(Name) && ApproximateMessages > 0;
}

/// <summary>Whether the queues answer, and how many messages wait in each (poison queues included).</summary>
public sealed class QueueHealth(QueueServiceClient queues, TimeProvider time)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>How long <see cref="RecentAsync"/> reuses a look: <c>/health</c> may be probed every second by many watchers.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private (Task<IReadOnlyList<QueueStatus>> Probe, DateTimeOffset At)? _recent;

    /// <summary>Every queue, asked now.</summary>
    public async Task<IReadOnlyList<QueueStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        return await Task.WhenAll(QueueNames.All.Select(name => ProbeAsync(queues.GetQueueClient(name), timeout.Token)));
    }

    /// <summary>One queue (of <see cref="QueueNames.All"/>), asked now.</summary>
    public async Task<QueueStatus> ProbeAsync(string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        return await ProbeAsync(queues.GetQueueClient(name), timeout.Token);
    }

    /// <summary>
    /// Every queue as asked at most <see cref="Reuse"/> ago; callers at the same moment share one look (it runs within its
    /// own budget, so one caller going away does not fail it for the others).
    /// </summary>
    public Task<IReadOnlyList<QueueStatus>> RecentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_recent is not { } recent || now - recent.At >= Reuse || recent.Probe.IsFaulted)
                _recent = recent = (ProbeAsync(CancellationToken.None), now);
            return recent.Probe.WaitAsync(cancellationToken);
        }
    }

    private static async Task<QueueStatus> ProbeAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queue.GetPropertiesAsync(cancellationToken);
            return new QueueStatus(queue.Name, true, properties.Value.ApproximateMessagesCount);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Reachable; the queue is created on first use (poison queues by the host on the first poison message).
            return new QueueStatus(queue.Name, true, 0);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or InvalidOperationException)
        {
            return new QueueStatus(queue.Name, false, null);
        }
    }
}
