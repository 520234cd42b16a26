namespace Tickets.Common;

/// <summary>
/// Optimistic concurrency without a lost update: on a version conflict the caller re-reads and re-applies its
/// change, after a short randomised pause so competing writers spread out. If a record keeps changing under the
/// caller, it answers 503 with Retry-After — nothing was stored, so the client may simply retry.
/// </summary>
public static class Contention
{
    /// <summary>How many times a change is re-applied before the caller gets a 503.</summary>
    public const int MaxAttempts = 10;

    /// <summary>Exponential back-off with full jitter: 0–4 ms after the first conflict, doubling, at most 0–200 ms.</summary>
    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2 << Math.Min(attempt, 7))), cancellationToken);

    public static Error Busy(string what) =>
        new(ErrorKind.Unavailable, "concurrent_changes", "Too many concurrent changes.",
            $"The {what} kept changing while this change was applied; nothing was stored. Retry shortly.")
        {
            RetryAfter = TimeSpan.FromSeconds(1),
        };
}
