using Azure.Storage.Queues;

namespace Tickets.Messaging;

/// <summary><see cref="IQueueSender"/> on Azure Storage queues (Azurite locally).</summary>
public sealed class StorageQueueSender(QueueServiceClient queues, TimeProvider time) : IQueueSender
{
    /// <summary>Storage queues keep a message invisible for at most 7 days; later checks re-schedule themselves.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>-1 s: the message never expires (the default of 7 days could drop a delayed SLA check).</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task SendAsync(string queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        var delay = visibleAt is { } at ? DelayUntil(at, time.GetUtcNow()) : TimeSpan.Zero;
        await queues.GetQueueClient(queue).SendMessageAsync(body, delay, NeverExpires, cancellationToken);
    }

    /// <summary>
    /// The initial visibility delay for <paramref name="visibleAt"/>: the queue counts it in whole seconds, so it is
    /// rounded up — a message may arrive up to a second late, never early.
    /// </summary>
    public static TimeSpan DelayUntil(DateTimeOffset visibleAt, DateTimeOffset now)
    {
        var delay = visibleAt - now;
        if (delay <= TimeSpan.Zero) return TimeSpan.Zero;
        if (delay > MaxVisibilityDelay) return MaxVisibilityDelay;
        return TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
    }
}
