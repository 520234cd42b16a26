using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Tickets.Storage;
using Tickets.Storage.Cosmos;

namespace Tickets.CosmosDbServer;

/// <summary>
/// cosmosdb-server numbers databases with a counter and writes their resource ids in plain base64, so one
/// database in 64 gets a '/' in its id (Azure never does). The SDK then requests
/// <c>/dbs/ab/c==/colls/…/pkranges</c>, the server finds no such route, and every query in that database fails
/// with "GetTargetPartitionKeyRanges … failed due to stale cache". Runs before the store's own initializer:
/// creates the database and, while its id has a '/', drops and re-creates it (the counter moves on).
/// </summary>
internal sealed class SlashFreeDatabase(CosmosClient client, IOptions<CosmosOptions> options) : IStoreInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.Database;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await client.CreateDatabaseIfNotExistsAsync(name, cancellationToken: cancellationToken);
            var rid = response.Resource.SelfLink?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            // SelfLink is "dbs/{rid}/": a '/' inside the rid shows up as an extra segment.
            if (rid.Length <= 2) return;
            using var deleted = await client.GetDatabase(name).DeleteStreamAsync(cancellationToken: cancellationToken);
            if (deleted.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotFound)) deleted.EnsureSuccessStatusCode();
        }

        throw new InvalidOperationException($"cosmosdb-server kept giving database '{name}' a resource id with '/'.");
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
