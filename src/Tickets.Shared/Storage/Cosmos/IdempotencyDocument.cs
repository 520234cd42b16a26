using Tickets.Idempotency;

namespace Tickets.Storage.Cosmos;

internal sealed record IdempotencyDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = "idempotency";
    public required string RequestHash { get; init; }
    public StoredResponse? Response { get; init; }

    /// <summary>When the current holder claimed it: the start of its lease (absent on records from before leases: lapsed).</summary>
    public DateTimeOffset ClaimedAt { get; init; }

    public string? ResourceId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Seconds until Cosmos deletes it (24 h from the claim); expiry is also checked on read, TTL deletion lags.</summary>
    public required int Ttl { get; init; }

    public static int TtlUntil(DateTimeOffset expiresAt, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((expiresAt - now).TotalSeconds), 1, int.MaxValue);

    public static IdempotencyDocument From(IdempotencyRecord record, string id, DateTimeOffset now) => new()
    {
        Id = id,
        RequestHash = record.RequestHash,
        Response = record.Response,
        ClaimedAt = record.ClaimedAt,
        ResourceId = record.ResourceId,
        ExpiresAt = record.ExpiresAt,
        Ttl = TtlUntil(record.ExpiresAt, now),
    };

    public IdempotencyRecord ToRecord(string key) =>
        new(key, RequestHash, ClaimedAt, ExpiresAt) { Response = Response, ResourceId = ResourceId };
}
