using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Refresh tokens in the <c>users</c> container, one document per token with id <c>token:{hash}</c>: finding one
/// is a point read, spending one is a conditional replace (<c>If-Match</c>), and Cosmos deletes it a day after it expires.
/// Revocation by family or user is a query (rare: logout, reuse, password change, deactivation).
/// </summary>
public sealed class CosmosRefreshTokenStore(Container users) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default)
    {
        var document = RefreshTokenDocument.From(token, token.CreatedAt);
        await users.CreateItemAsync(document, new PartitionKey(document.Id),
            new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
    }

    public async Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RefreshToken(tokenHash);
        return (await users.ReadOrNullAsync<RefreshTokenDocument>(id, new PartitionKey(id), cancellationToken))?.Document.ToToken();
    }

    public async Task<bool> TrySpendAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RefreshToken(tokenHash);
        var read = await users.ReadOrNullAsync<RefreshTokenDocument>(id, new PartitionKey(id), cancellationToken);
        if (read is not { Document: var token, ETag: var etag } || token.SpentAt is not null || token.RevokedAt is not null) return false;

        try
        {
            await users.ReplaceItemAsync(
                token with { SpentAt = at, Ttl = RefreshTokenDocument.TtlUntil(token.ExpiresAt, at) }, id, new PartitionKey(id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Someone spent or revoked it between our read and write (or it expired): they got there first.
            return false;
        }
    }

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync("c.familyId = @value", familyId, at, cancellationToken);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync("c.userId = @value", userId, at, cancellationToken);

    private async Task RevokeWhereAsync(string predicate, string value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition($"SELECT VALUE c.id FROM c WHERE c.type = @type AND {predicate} AND IS_NULL(c.revokedAt)")
            .WithParameter("@type", DocumentTypes.RefreshToken)
            .WithParameter("@value", value);
        foreach (var id in await users.QueryAllAsync<string>(query, cancellationToken))
        {
            // A patch, not a replace: it cannot lose to a concurrent spend, and a spend based on the old version then fails its If-Match.
            try
            {
                await users.PatchItemAsync<RefreshTokenDocument>(id, new PartitionKey(id), [PatchOperation.Set("/revokedAt", at)],
                    new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Expired and removed since the query: nothing left to revoke.
            }
        }
    }
}

/// <summary>
/// Password-attempt throttles in the <c>users</c> container. The sliding window of a key is one small document
/// (<c>throttle:{key}</c>) written with If-Match, so two concurrent claims cannot both take the last place: the loser
/// re-reads and decides again. Fixed-window counters (<c>rate:{key}:{window}</c>) are patched with a server-side
/// increment guarded by a filter predicate, atomic without a read. Both expire on their own.
/// </summary>
public sealed class CosmosLoginThrottleStore(Container users) : ILoginThrottleStore
{
    /// <summary>Each lost race means another claim was recorded; past this many the claim is refused (fail closed).</summary>
    private const int MaxAttempts = 20;

    public async Task<ThrottleClaim> TryClaimAsync(string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.LoginThrottle(key);
        var partitionKey = new PartitionKey(id);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var read = await users.ReadOrNullAsync<LoginThrottleDocument>(id, partitionKey, cancellationToken);
            var counted = read?.Document.Failures.Where(f => f >= now - window).Order().ToList() ?? [];
            if (counted.Count >= limit) return ThrottleClaim.Refuse(counted[counted.Count - limit] + window);

            var kept = read?.Document.Failures.Where(f => f > now - LoginThrottleDocument.Retention) ?? [];
            var document = new LoginThrottleDocument { Id = id, Email = key, Failures = [.. kept, now] };
            try
            {
                var options = new ItemRequestOptions { IfMatchEtag = read?.ETag, EnableContentResponseOnWrite = false };
                if (read is null) await users.CreateItemAsync(document, partitionKey, options, cancellationToken);
                else await users.ReplaceItemAsync(document, id, partitionKey, options, cancellationToken);
                return ThrottleClaim.Grant(now);
            }
            catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // Another claim (or a clear) for the same key got there first: read again and decide again.
            }
        }

        return ThrottleClaim.Refuse(now + TimeSpan.FromSeconds(1));
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.LoginThrottle(key);
        return users.DeleteIfExistsAsync(id, new PartitionKey(id), cancellationToken);
    }

    public async Task<ThrottleClaim> TryCountAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RateCounter(key, windowStart);
        var partitionKey = new PartitionKey(id);
        var windowEnd = windowStart + window;
        var guarded = new PatchItemRequestOptions
        {
            FilterPredicate = $"FROM c WHERE c.count < {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            EnableContentResponseOnWrite = false,
        };

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await users.PatchItemAsync<RateCounterDocument>(id, partitionKey, [PatchOperation.Increment("/count", 1)], guarded, cancellationToken);
                return ThrottleClaim.Grant(windowStart);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return ThrottleClaim.Refuse(windowEnd);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // The window's first use creates its counter; a lost creation race patches again.
            }

            try
            {
                var ttl = (int)Math.Ceiling((window + window).TotalSeconds);
                await users.CreateItemAsync(new RateCounterDocument { Id = id, Key = key, Count = 1, Ttl = ttl }, partitionKey,
                    new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
                return ThrottleClaim.Grant(windowStart);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
            }
        }

        return ThrottleClaim.Refuse(windowEnd);
    }
}
