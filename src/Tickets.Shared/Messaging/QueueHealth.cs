using Azure;
using Azure.Storage.Queues;

namespace Tickets.Messaging;

/// <summary>One queue as <c>/api/health/details</c> shows it.</summary>
public sealed record QueueStatus(string Name, bool Reachable, int? ApproximateMessages);

/// <summary>Whether the queues answer, and how many messages wait in each (poison queues included).</summary>
public sealed class QueueHealth(QueueServiceClient queues)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<QueueStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        return await Task.WhenAll(QueueNames.All.Select(name => ProbeAsync(queues.GetQueueClient(name), timeout.Token)));
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
