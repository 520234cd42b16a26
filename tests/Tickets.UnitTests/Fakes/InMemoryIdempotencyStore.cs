using Tickets.Idempotency;

namespace Tickets.UnitTests.Fakes;

/// <summary>In-memory idempotency records with the stores' claim and lease semantics; the store contract suite covers the real adapters.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, IdempotencyRecord> _records = [];

    /// <summary>The key's record as stored, for assertions.</summary>
    public IdempotencyRecord? this[string key]
    {
        get
        {
            lock (_records) return _records.GetValueOrDefault(key);
        }
    }

    /// <summary>The keys held, for assertions.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_records) return [.. _records.Keys];
        }
    }

    public Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord claim, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = claim.ClaimedAt;
        lock (_records)
        {
            if (_records.TryGetValue(claim.Key, out var existing) && existing.ExpiresAt > now)
            {
                if (existing.RequestHash != claim.RequestHash || !existing.IsLapsed(lease, now)) return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Held, existing));
                var taken = _records[claim.Key] = existing with { ClaimedAt = now, ResourceId = existing.ResourceId ?? claim.ResourceId };
                return Task.FromResult(new IdempotencyClaim(ClaimOutcome.TakenOver, taken));
            }

            var claimed = _records[claim.Key] = claim with { Response = null };
            return Task.FromResult(new IdempotencyClaim(ClaimOutcome.Claimed, claimed));
        }
    }

    public Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        // As the adapters do: a cancelled call writes nothing.
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records)
        {
            if (_records.TryGetValue(key, out var existing)) _records[key] = existing with { Response = response };
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records)
        {
            if (_records.TryGetValue(key, out var existing) && existing.Response is null && existing.ClaimedAt == claimedAt) _records.Remove(key);
        }

        return Task.CompletedTask;
    }
}
