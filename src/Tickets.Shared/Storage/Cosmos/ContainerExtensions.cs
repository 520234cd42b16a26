using System.Net;
using Microsoft.Azure.Cosmos;

namespace Tickets.Storage.Cosmos;

/// <summary>The few shapes every Cosmos adapter uses: a point read that may miss, a drained query, an idempotent delete.</summary>
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
