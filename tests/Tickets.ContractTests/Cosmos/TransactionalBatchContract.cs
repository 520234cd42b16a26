using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Tickets.Storage.Cosmos;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// What a Cosmos transactional batch does, through the SDK: all operations or none, each precondition in order, the
/// failing operation's own status for the batch and 424 for every other one. On a real endpoint these pin Cosmos'
/// behaviour; on cosmosdb-server they prove that its batch emulation (<c>Tickets.CosmosDbServer</c>) behaves the same.
/// </summary>
public abstract class TransactionalBatchContract(IStoreUnderTest store) : StoreContract(store)
{
    private const string Partition = "p1";
    private static readonly PartitionKey Key = new(Partition);
    private Container? _probe;

    /// <summary>An item of the probe container. Cosmos counts a missing unique key as null, of which a partition holds one: each has its own e-mail.</summary>
    public sealed record Probe(string Id, string Pk, int N, string Email, string Type = "probe");

    private static Probe Item(string id, int n = 1, string? email = null, string type = "probe") => new(id, Partition, n, email ?? $"{id}@example.org", type);

    /// <summary>A container of our own in the test's database: partition <c>/pk</c>, unique <c>/email</c> per partition.</summary>
    private async Task<Container> ProbeAsync()
    {
        if (_probe is not null) return _probe;
        var database = Get<CosmosClient>().GetDatabase(Get<IOptions<CosmosOptions>>().Value.Database);
        var properties = new ContainerProperties("batch-probe", "/pk");
        properties.UniqueKeyPolicy.UniqueKeys.Add(new UniqueKey { Paths = { "/email" } });
        return _probe = (await database.CreateContainerIfNotExistsAsync(properties)).Container;
    }

    private async Task<string> SeedAsync(string id, int n = 1, string? email = null) =>
        (await (await ProbeAsync()).CreateItemAsync(Item(id, n, email), Key)).ETag;

    private async Task<(int N, string ETag)?> FindAsync(string id)
    {
        using var response = await (await ProbeAsync()).ReadItemStreamAsync(id, Key);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var probe = await (await ProbeAsync()).ReadItemAsync<Probe>(id, Key);
        return (probe.Resource.N, probe.ETag);
    }

    private async Task<TransactionalBatch> BatchAsync() => (await ProbeAsync()).CreateTransactionalBatch(Key);

    private static int[] Statuses(TransactionalBatchResponse response) => [.. response.Select(r => (int)r.StatusCode)];

    [StoreFact]
    public async Task EveryOperationCommitsAndAnswersWithItsOwnStatusAndETag()
    {
        var kept = await SeedAsync("kept");
        await SeedAsync("gone");
        await SeedAsync("patched");

        using var response = await (await BatchAsync())
            .CreateItem(Item("new"))
            .UpsertItem(Item("upserted"))
            .ReplaceItem("kept", Item("kept", 2), new TransactionalBatchItemRequestOptions { IfMatchEtag = kept })
            .DeleteItem("gone")
            .PatchItem("patched", [PatchOperation.Increment("/n", 5), PatchOperation.Set("/email", "patched@example.org")])
            .ReadItem("kept")
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal([201, 201, 200, 204, 200, 200], Statuses(response));
        Assert.Equal((await FindAsync("new"))!.Value.ETag, response[0].ETag);
        Assert.Equal((await FindAsync("kept"))!.Value.ETag, response[2].ETag);
        Assert.Equal(2, response.GetOperationResultAtIndex<Probe>(5).Resource.N);
        Assert.Null(await FindAsync("gone"));
        Assert.Equal(6, (await FindAsync("patched"))!.Value.N);
    }

    [StoreFact]
    public async Task StaleIfMatchRefusesTheBatchWith412AndEveryOtherOperation424()
    {
        var read = await SeedAsync("kept");
        var current = (await (await ProbeAsync()).ReplaceItemAsync(Item("kept", 5), "kept", Key)).ETag;

        using var response = await (await BatchAsync())
            .CreateItem(Item("new"))
            .ReplaceItem("kept", Item("kept", 9), new TransactionalBatchItemRequestOptions { IfMatchEtag = read })
            .CreateItem(Item("other"))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal([424, 412, 424], Statuses(response));
        Assert.Null(await FindAsync("new"));
        Assert.Null(await FindAsync("other"));
        Assert.Equal((5, current), await FindAsync("kept"));
    }

    [StoreFact]
    public async Task ExistingIdRefusesTheBatchWith409AndLeavesEveryItemAsItWas()
    {
        var etag = await SeedAsync("kept");

        using var response = await (await BatchAsync())
            .ReplaceItem("kept", Item("kept", 2), new TransactionalBatchItemRequestOptions { IfMatchEtag = etag })
            .CreateItem(Item("kept", 3))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([424, 409], Statuses(response));
        Assert.Equal((1, etag), await FindAsync("kept"));
    }

    [StoreFact]
    public async Task MissingItemRefusesTheBatchWith404()
    {
        using var response = await (await BatchAsync())
            .CreateItem(Item("new"))
            .ReplaceItem("missing", Item("missing"))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal([424, 404], Statuses(response));
        Assert.Null(await FindAsync("new"));
    }

    /// <summary>A unique key is only found when writing: the operations before it are undone.</summary>
    [StoreFact]
    public async Task FailureFoundOnlyWhileWritingUndoesTheOperationsBeforeIt()
    {
        await SeedAsync("first", email: "taken@example.org");
        await SeedAsync("kept");

        using var response = await (await BatchAsync())
            .CreateItem(Item("new"))
            .ReplaceItem("kept", Item("kept", 2))
            .CreateItem(Item("second", email: "taken@example.org"))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([424, 424, 409], Statuses(response));
        Assert.Null(await FindAsync("new"));
        Assert.Null(await FindAsync("second"));
        Assert.Equal(1, (await FindAsync("kept"))!.Value.N);
    }

    [StoreFact]
    public async Task ConcurrentBatchesBasedOnOneETagCommitExactlyOnce()
    {
        var etag = await SeedAsync("kept");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await (await BatchAsync())
                .ReplaceItem("kept", Item("kept", 100 + i), new TransactionalBatchItemRequestOptions { IfMatchEtag = etag })
                .CreateItem(Item($"event-{i}", i, type: "event"))
                .ExecuteAsync();
            return (response.StatusCode, Winner: i);
        }));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK).Winner;
        Assert.All(responses.Where(r => r.Winner != winner), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        Assert.Equal(100 + winner, (await FindAsync("kept"))!.Value.N);
        var events = (await ProbeAsync()).GetItemQueryIterator<Probe>(
            new QueryDefinition("SELECT * FROM c WHERE c.type = 'event'"), requestOptions: new QueryRequestOptions { PartitionKey = Key });
        var written = new List<Probe>();
        while (events.HasMoreResults) written.AddRange(await events.ReadNextAsync());
        Assert.Equal($"event-{winner}", Assert.Single(written).Id);
    }
}

[CosmosDbServerEndpoint]
public sealed class CosmosDbServerTransactionalBatchContract() : TransactionalBatchContract(new CosmosDbServerStore());

[CosmosAccountEndpoint]
public sealed class CosmosAccountTransactionalBatchContract() : TransactionalBatchContract(new CosmosAccountStore());
