using System.Net;
using Microsoft.Azure.Cosmos;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// The few shapes every Cosmos adapter uses: a point read that may miss, a guarded replace that re-reads on a concurrent
/// write, a drained query, an idempotent delete.
/// </summary>
internal static class ContainerExtensions
{
    /// <summary>Point read (≈1 RU per KB); a 404 is an answer, not an error.</summary>
    public static async Task<(T Document, string ETag)?> ReadOrNullAsync<T>(
        this Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<T>(id, partitionKey, cancellationToken: cancellationToken);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the document (its own partition) with <paramref name="change"/> of it while <paramref name="applies"/> holds,
    /// guarded by the ETag read. A 412 means it changed since: it is read and judged again, so an unrelated write (an
    /// e-mail recorded as sent) never stands in for the change, and a write that ends it (a use) is seen. False when it
    /// does not apply, is gone, or kept changing for <see cref="Common.Contention.MaxAttempts"/> reads.
    /// </summary>
    public static async Task<bool> ReplaceWhileAsync<T>(
        this Container container, string id, Func<T, bool> applies, Func<T, T> change, CancellationToken cancellationToken)
    {
        var partitionKey = new PartitionKey(id);
        for (var attempt = 1; attempt <= Common.Contention.MaxAttempts; attempt++)
        {
            if (await container.ReadOrNullAsync<T>(id, partitionKey, cancellationToken) is not { Document: var document, ETag: var etag }
                || !applies(document)) return false;
            try
            {
                await container.ReplaceItemAsync(change(document), id, partitionKey,
                    new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
                return true;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
            }
        }

        return false;
    }

    /// <summary>Runs a parameterised query to the end (callers bound it with TOP or a key filter).</summary>
    public static async Task<List<T>> QueryAllAsync<T>(
        this Container container, QueryDefinition query, CancellationToken cancellationToken, QueryRequestOptions? options = null)
    {
        var results = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults)
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        return results;
    }

    public static async Task DeleteIfExistsAsync(this Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await container.DeleteItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken);
            if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
