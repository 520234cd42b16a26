using Tickets.Idempotency;

namespace Tickets.Storage.Cosmos;

internal sealed record IdempotencyDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = "idempotency";
    public required string RequestHash { get; init; }
    public StoredResponse? Response { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Seconds until Cosmos deletes it (24 h from the claim); expiry is also checked on read, TTL deletion lags.</summary>
    public required int Ttl { get; init; }

    public static int TtlUntil(DateTimeOffset expiresAt, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((expiresAt - now).TotalSeconds), 1, int.MaxValue);
}
