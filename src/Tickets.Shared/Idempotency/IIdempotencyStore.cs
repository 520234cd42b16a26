namespace Tickets.Idempotency;

/// <summary>The first response to a request, kept so a retry with the same key gets it again.</summary>
public sealed record StoredResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A key's record: the body hash it was first used with, when its current holder claimed it (the start of its lease),
/// the id of what the request makes (the same for every holder, so a takeover finds what an earlier one wrote) and,
/// once finished, the response.
/// </summary>
public sealed record IdempotencyRecord(string Key, string RequestHash, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The id the request's new resource gets, whichever holder writes it; null where nothing is made by id.</summary>
    public string? ResourceId { get; init; }

    public StoredResponse? Response { get; init; }

    /// <summary>An unfinished claim this old may be taken over: its holder is presumed gone (connection reset, process killed).</summary>
    public bool IsLapsed(TimeSpan lease, DateTimeOffset now) => Response is null && ClaimedAt + lease <= now;
}

/// <summary>What <see cref="IIdempotencyStore.ClaimAsync"/> did.</summary>
public enum ClaimOutcome
{
    /// <summary>The key was free (or its record expired): the record given is now the key's, held by this request.</summary>
    Claimed,

    /// <summary>
    /// The key's unfinished claim had lapsed and this request now holds it, with the record's resource id: what an
    /// earlier holder began may be written already.
    /// </summary>
    TakenOver,

    /// <summary>Someone else holds the key (a live claim, a finished response, or another body): the record is theirs.</summary>
    Held,
}

/// <summary>The outcome of a claim and the key's record as it stands after it.</summary>
public sealed record IdempotencyClaim(ClaimOutcome Outcome, IdempotencyRecord Record)
{
    /// <summary>This request holds the key now (claimed fresh or taken over) and must do the work.</summary>
    public bool IsMine => Outcome != ClaimOutcome.Held;
}

/// <summary>
/// Idempotency keys (scoped by caller and operation by the caller of this port), kept until their record expires.
/// Claims are leases: one that was never finished is taken over once it is older than the lease.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="claim"/>'s key, atomically, at <c>claim.ClaimedAt</c>: a free or expired key gets
    /// <paramref name="claim"/> (<see cref="ClaimOutcome.Claimed"/>); an unfinished claim with the same request hash
    /// older than <paramref name="lease"/> is taken over (<see cref="ClaimOutcome.TakenOver"/>: its claim time becomes
    /// this one, its resource id is kept) by exactly one of any number of concurrent takers; anything else is
    /// <see cref="ClaimOutcome.Held"/> with the existing record.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord claim, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Keeps the response. Any holder may: every holder of one key answers about the same resource.</summary>
    Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>
    /// Frees the claim made at <paramref name="claimedAt"/>, whose request is known to have changed nothing, so the client
    /// may retry (even with another body); a claim taken over since, or finished, stays.
    /// </summary>
    Task ReleaseAsync(string key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default);
}
