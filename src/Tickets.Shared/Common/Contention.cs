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

    /// <summary>Waits <see cref="PauseAfter"/> on <paramref name="time"/>'s clock (tests advance a fake one; nothing sleeps).</summary>
    public static Task BackOffAsync(int attempt, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(PauseAfter(attempt), time, cancellationToken);

    /// <summary>No pause is this long: the cap of <see cref="PauseAfter"/>.</summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(2 << 7);

    /// <summary>Exponential back-off with full jitter: under 4 ms after the first conflict, doubling, always under <see cref="LongestPause"/>.</summary>
    public static TimeSpan PauseAfter(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2 << Math.Min(attempt, 7)));

    public static Error Busy(string what) =>
        new(ErrorKind.Unavailable, "concurrent_changes", "Too many concurrent changes.",
            $"The {what} kept changing while this change was applied; nothing was stored. Retry shortly.")
        {
            RetryAfter = TimeSpan.FromSeconds(1),
        };
}
