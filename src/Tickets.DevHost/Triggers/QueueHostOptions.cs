using Azure.Storage.Queues;

namespace Tickets.DevHost.Triggers;

/// <summary>host.json's <c>extensions.queues</c>, with the Functions queue extension's defaults and meaning.</summary>
/// <param name="BatchSize">Messages fetched per poll (1–32).</param>
/// <param name="NewBatchThreshold">The next batch is fetched once no more than this many messages are still being processed.</param>
/// <param name="MaxPollingInterval">The longest wait between polls of an empty queue; waits grow from <see cref="MinimumPollingInterval"/> up to it.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before it is tried again.</param>
/// <param name="MaxDequeueCount">Attempts before a message is moved to <c>&lt;queue&gt;-poison</c>.</param>
/// <param name="MessageEncoding">How message bodies travel: base64 (the Functions default) or none.</param>
internal sealed record QueueHostOptions(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    QueueMessageEncoding MessageEncoding)
{
    /// <summary>The shortest wait between polls, and where the back-off starts again after messages arrive.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Storage hands out at most 32 messages per request.</summary>
    public const int MaxBatchSize = 32;

    public const int DefaultBatchSize = 16;

    public const int DefaultMaxDequeueCount = 5;

    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromMinutes(1);

    /// <summary>Storage keeps a message invisible for at most seven days.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>Without a setting the extension waits for half a batch per processor.</summary>
    public static int DefaultNewBatchThreshold(int batchSize) => batchSize / 2 * Environment.ProcessorCount;
}
