namespace Tickets.Storage;

/// <summary>
/// A store is throttling or briefly unavailable, after its SDK's own retries: nothing was stored and the caller may retry
/// after <see cref="RetryAfter"/>. Adapters throw it instead of their SDK's exception, so nothing above the store ports
/// knows which database answered.
/// </summary>
public sealed class StoreUnavailableException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
}
