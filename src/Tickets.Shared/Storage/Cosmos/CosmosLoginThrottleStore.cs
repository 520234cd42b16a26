using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

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
