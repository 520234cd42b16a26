using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Budgets;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Per-account budget counters in the <c>users</c> container, the same fixed-window documents as the password throttle's
/// (<c>rate:{key}:{window}</c>, expiring on their own). A take is a server-side increment guarded by a filter predicate
/// (the whole block must still fit), atomic without a read; only a block that no longer fits reads the counter and asks
/// for what is left.
/// </summary>
public sealed class CosmosRequestBudgetStore(Container users) : IRequestBudgetStore
{
    /// <summary>Each lost race means others counted; past this many the take is refused (fail closed).</summary>
    private const int MaxAttempts = 20;

    public async Task<BudgetTake> TakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, int wanted, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.RateCounter(key, windowStart);
        var partitionKey = new PartitionKey(id);
        var block = Math.Clamp(wanted, 1, limit);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var guarded = new PatchItemRequestOptions
                {
                    FilterPredicate = $"FROM c WHERE c.count <= {(limit - block).ToString(CultureInfo.InvariantCulture)}",
                };
                var patched = await users.PatchItemAsync<RateCounterDocument>(id, partitionKey, [PatchOperation.Increment("/count", block)], guarded, cancellationToken);
                return new BudgetTake(block, patched.Resource.Count);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                // The block no longer fits: ask for what is left, if anything.
                var counted = (await users.ReadOrNullAsync<RateCounterDocument>(id, partitionKey, cancellationToken))?.Document.Count ?? 0;
                if (counted >= limit) return new BudgetTake(0, counted);
                block = (int)Math.Min(block, limit - counted);
                continue;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // The window's first take creates its counter; a lost creation race patches again.
            }

            try
            {
                var ttl = (int)Math.Ceiling((window + window).TotalSeconds);
                await users.CreateItemAsync(new RateCounterDocument { Id = id, Key = key, Count = block, Ttl = ttl }, partitionKey,
                    new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
                return new BudgetTake(block, block);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
            }
        }

        return new BudgetTake(0, limit);
    }
}
