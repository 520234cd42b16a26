using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Idempotency;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Idempotency records in <c>meta</c>, one document per key (<c>idem:{sha-256 of the scoped key}</c>, its own partition):
/// claiming is a create (a 409 means someone holds it), replacing an expired record is a replace with <c>If-Match</c>,
/// and a 24 h <c>ttl</c> lets Cosmos delete them. Expiry is also checked on read, because TTL deletion may lag.
/// </summary>
public sealed class CosmosIdempotencyStore(Container meta) : IIdempotencyStore
{
    private const int MaxAttempts = 5;
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<IdempotencyRecord?> TryClaimAsync(
        string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = MetaIds.Idempotency(key);
        var partitionKey = new PartitionKey(id);
        var claim = new IdempotencyDocument { Id = id, RequestHash = requestHash, ExpiresAt = expiresAt, Ttl = IdempotencyDocument.TtlUntil(expiresAt, now) };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await meta.CreateItemAsync(claim, partitionKey, NoContent, cancellationToken);
                return null;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
            }

            var existing = await meta.ReadOrNullAsync<IdempotencyDocument>(id, partitionKey, cancellationToken);
            if (existing is { Document: var record } && record.ExpiresAt > now)
                return new IdempotencyRecord(key, record.RequestHash, record.Response, record.ExpiresAt);

            if (existing is { ETag: var etag })
            {
                try
                {
                    await meta.ReplaceItemAsync(claim, id, partitionKey,
                        new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
                    return null;
                }
                catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound && attempt < MaxAttempts)
                {
                    // Another request replaced or TTL removed it in between: look again.
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

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        var id = MetaIds.Idempotency(key);
        var partitionKey = new PartitionKey(id);
        var existing = await meta.ReadOrNullAsync<IdempotencyDocument>(id, partitionKey, cancellationToken);
        if (existing is not { Document.Response: null, ETag: var etag }) return;
        try
        {
            // Only a claim still in flight is freed; If-Match keeps a response completed meanwhile.
            using var deleted = await meta.DeleteItemStreamAsync(id, partitionKey, new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            if (deleted.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)) deleted.EnsureSuccessStatusCode();
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
        }
    }
}
