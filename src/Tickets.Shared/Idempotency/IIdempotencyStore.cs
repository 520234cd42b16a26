namespace Tickets.Idempotency;

/// <summary>The first response to a request, kept so a retry with the same key gets it again.</summary>
public sealed record StoredResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>A key's record: the body hash it was first used with and, once finished, the response.</summary>
public sealed record IdempotencyRecord(string Key, string RequestHash, StoredResponse? Response, DateTimeOffset ExpiresAt);

/// <summary>Idempotency keys (scoped by caller and operation by the caller of this port), kept 24 h.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for this request; returns null when claimed, else the existing live record
    /// (a finished response, or one still in flight). Expired records are replaced.
    /// </summary>
    Task<IdempotencyRecord?> TryClaimAsync(string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Frees a claim whose request failed, so the client may retry.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken = default);
}
