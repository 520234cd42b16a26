using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// The database the adapters use, from the singleton <see cref="CosmosClient"/>. At start it creates the database and
/// containers from <see cref="CosmosModel"/> when <c>Tickets:Cosmos:CreateIfNotExists</c> is on (emulators); in Azure,
/// Bicep owns them and start-up only checks that the database answers.
/// </summary>
public sealed partial class CosmosStore(CosmosClient client, IOptions<CosmosOptions> options, ILogger<CosmosStore> logger) : IStoreInitializer
{
    private readonly string _database = options.Value.Database;

    public Container Container(CosmosContainerModel model) => client.GetContainer(_database, model.Name);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfNotExists) return;

        Database database = await client.CreateDatabaseIfNotExistsAsync(_database, cancellationToken: cancellationToken);
        foreach (var model in CosmosModel.Containers)
            await database.CreateContainerIfNotExistsAsync(Properties(model), cancellationToken: cancellationToken);
        LogCreated(logger, _database, CosmosModel.Containers.Count);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var response = await client.GetDatabase(_database).ReadStreamAsync(cancellationToken: cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The container as the model describes it: partition key, TTL, composite indexes, paths kept out of the index.</summary>
    public static ContainerProperties Properties(CosmosContainerModel model)
    {
        var properties = new ContainerProperties(model.Name, model.PartitionKeyPath) { DefaultTimeToLive = model.DefaultTtlSeconds };
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        foreach (var path in model.ExcludedPaths)
            properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = path });
        foreach (var composite in model.CompositeIndexes)
        {
            properties.IndexingPolicy.CompositeIndexes.Add(new System.Collections.ObjectModel.Collection<Microsoft.Azure.Cosmos.CompositePath>(
                composite.Select(p => new Microsoft.Azure.Cosmos.CompositePath
                {
                    Path = p.Path,
                    Order = p.Ascending ? CompositePathSortOrder.Ascending : CompositePathSortOrder.Descending,
                }).ToList()));
        }

        return properties;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos database {Database} and its {Count} containers are in place")]
    private static partial void LogCreated(ILogger logger, string database, int count);
}
