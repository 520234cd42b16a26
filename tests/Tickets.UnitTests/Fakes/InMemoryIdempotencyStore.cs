using System.Collections.Concurrent;
using Tickets.Idempotency;

namespace Tickets.UnitTests.Fakes;

/// <summary>In-memory idempotency records with the stores' claim semantics; the store contract suite covers the real adapters.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, IdempotencyRecord> _records = new();

    public Task<IdempotencyRecord?> TryClaimAsync(string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            if (_records.TryGetValue(key, out var existing) && existing.ExpiresAt > now) return Task.FromResult<IdempotencyRecord?>(existing);
            _records[key] = new IdempotencyRecord(key, requestHash, null, expiresAt);
            return Task.FromResult<IdempotencyRecord?>(null);
        }
    }

    public Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            if (_records.TryGetValue(key, out var existing)) _records[key] = existing with { Response = response };
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            if (_records.TryGetValue(key, out var existing) && existing.Response is null) _records.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
