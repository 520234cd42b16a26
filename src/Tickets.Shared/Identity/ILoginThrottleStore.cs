namespace Tickets.Identity;

/// <summary>The answer to a claim: granted, or refused until <see cref="RetryAt"/>.</summary>
public sealed record ThrottleClaim(bool Granted, DateTimeOffset RetryAt)
{
    public static ThrottleClaim Grant(DateTimeOffset now) => new(true, now);

    public static ThrottleClaim Refuse(DateTimeOffset retryAt) => new(false, retryAt);
}

/// <summary>
/// Counting password attempts so that concurrent requests cannot exceed a limit: every method decides and records in one
/// atomic step of the store. Keys are opaque to the store (an account, an address, the whole service).
/// </summary>
public interface ILoginThrottleStore
{
    /// <summary>
    /// Sliding window: if fewer than <paramref name="limit"/> attempts of <paramref name="key"/> are recorded after
    /// <c>now - window</c>, records one more at <paramref name="now"/> and grants; otherwise records nothing and answers
    /// when the oldest of them leaves the window. An attempt is claimed before the password is checked, so it counts as a
    /// failure unless <see cref="ClearAsync"/> forgets the key after a success.
    /// </summary>
    Task<ThrottleClaim> TryClaimAsync(string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Forgets every attempt of <paramref name="key"/> (a successful sign-in).</summary>
    Task ClearAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fixed window: counts one use of <paramref name="key"/> in the window that starts at <paramref name="windowStart"/>
    /// and grants if fewer than <paramref name="limit"/> were counted before; otherwise counts nothing and refuses until the
    /// window ends.
    /// </summary>
    Task<ThrottleClaim> TryCountAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken = default);
}
