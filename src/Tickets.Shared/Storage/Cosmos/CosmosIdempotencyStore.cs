using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Idempotency;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Idempotency records in <c>meta</c>, one document per key (<c>idem:{sha-256 of the scoped key}</c>, its own partition):
/// claiming is a create (a 409 means someone holds it); replacing an expired record and taking over a lapsed claim are
/// replaces with <c>If-Match</c>, so of two takers only one wins and the other reads the winner's claim; a 24 h
/// <c>ttl</c> lets Cosmos delete them. Expiry is also checked on read, because TTL deletion may lag.
/// </summary>
public sealed class CosmosIdempotencyStore(Container meta) : IIdempotencyStore
{
    private const int MaxAttempts = 5;
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord claim, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var id = MetaIds.Idempotency(claim.Key);
        var partitionKey = new PartitionKey(id);
        var now = claim.ClaimedAt;
        claim = claim with { Response = null };
        var fresh = IdempotencyDocument.From(claim, id, now);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await meta.CreateItemAsync(fresh, partitionKey, NoContent, cancellationToken);
                return new IdempotencyClaim(ClaimOutcome.Claimed, claim);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
            }

            var existing = await meta.ReadOrNullAsync<IdempotencyDocument>(id, partitionKey, cancellationToken);
            if (existing is { Document: var document, ETag: var etag })
            {
                var record = document.ToRecord(claim.Key);
                IdempotencyClaim won;
                if (record.ExpiresAt <= now)
                {
                    won = new IdempotencyClaim(ClaimOutcome.Claimed, claim);
                }
                else if (record.RequestHash == claim.RequestHash && record.IsLapsed(lease, now))
                {
                    won = new IdempotencyClaim(ClaimOutcome.TakenOver, record with { ClaimedAt = now, ResourceId = record.ResourceId ?? claim.ResourceId });
                }
                else
                {
                    return new IdempotencyClaim(ClaimOutcome.Held, record);
                }

                try
                {
                    await meta.ReplaceItemAsync(IdempotencyDocument.From(won.Record, id, now), id, partitionKey,
                        new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
                    return won;
                }
                catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound && attempt < MaxAttempts)
                {
                    // Another request replaced it (claimed, took over, finished) or TTL removed it in between: look again.
                }
            }
            else if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Idempotency record {id} kept appearing and disappearing; giving up after {attempt} attempts.");
            }
        }
    }

    public async Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        var id = MetaIds.Idempotency(key);
        try
        {
            await meta.PatchItemAsync<IdempotencyDocument>(id, new PartitionKey(id), [PatchOperation.Set("/response", response)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Expired and deleted while the request ran: nothing to keep (SQLite's UPDATE likewise touches no row).
        }
    }

    public async Task ReleaseAsync(string key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default)
    {
        var id = MetaIds.Idempotency(key);
        var partitionKey = new PartitionKey(id);
        var existing = await meta.ReadOrNullAsync<IdempotencyDocument>(id, partitionKey, cancellationToken);
        if (existing is not { Document: { Response: null } document, ETag: var etag } || document.ClaimedAt != claimedAt) return;
        try
        {
            // Only this request's claim, still in flight, is freed; If-Match keeps a takeover or a response written meanwhile.
            using var deleted = await meta.DeleteItemStreamAsync(id, partitionKey, new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            if (deleted.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)) deleted.EnsureSuccessStatusCode();
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
        }
    }
}
