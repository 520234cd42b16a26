using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using Tickets.CosmosDbServer.Batch;

namespace Tickets.UnitTests.CosmosDbServer;

/// <summary>The batch emulation for cosmosdb-server: Cosmos' all-or-nothing rules over single-item calls.</summary>
public sealed class AtomicBatchTests
{
    private readonly FakePartition _partition = new();

    private static BatchOperation Create(int index, string id, int n) =>
        new(index, (int)BatchOperationKind.Create, null, Encoding.UTF8.GetBytes(FakePartition.Document(id, n)), null, null, null, MinimalReturn: true);

    private static BatchOperation Replace(int index, string id, int n, string? ifMatch = null) =>
        new(index, (int)BatchOperationKind.Replace, id, Encoding.UTF8.GetBytes(FakePartition.Document(id, n)), null, ifMatch, null, MinimalReturn: true);

    private static BatchOperation Delete(int index, string id) => new(index, (int)BatchOperationKind.Delete, id, null, null, null, null, MinimalReturn: true);

    private static BatchOperation Read(int index, string id) => new(index, (int)BatchOperationKind.Read, id, null, null, null, null, MinimalReturn: false);

    private Task<IReadOnlyList<BatchOperationResult>> RunAsync(params BatchOperation[] operations) =>
        new AtomicBatch(_partition.Container.Object, new PartitionKey("p"), operations).RunAsync(CancellationToken.None);

    [Fact]
    public async Task EveryOperationCommitsWithItsStatusAndTheItemsNewETag()
    {
        _partition.Seed("kept", 1);
        _partition.Seed("gone", 1);

        var results = await RunAsync(Create(0, "new", 1), Replace(1, "kept", 2), Delete(2, "gone"), Read(3, "kept"));

        Assert.Equal([201, 200, 204, 200], results.Select(r => r.StatusCode));
        Assert.Equal([_partition.ETag("new"), _partition.ETag("kept"), null, _partition.ETag("kept")], results.Select(r => r.ETag));
        Assert.Null(results[0].Body);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(results[3].Body!).RootElement.GetProperty("n").GetInt32());
        Assert.Equal((1, 2, (int?)null), (_partition.N("new"), _partition.N("kept"), _partition.N("gone")));
    }

    [Fact]
    public async Task StaleIfMatchFailsWith412BeforeAnythingIsWrittenAndTheOthersAre424()
    {
        var read = _partition.Seed("kept", 1);
        var current = _partition.Touch("kept");

        var results = await RunAsync(Create(0, "new", 1), Replace(1, "kept", 2, ifMatch: $"\"{read}\""), Create(2, "other", 1));

        Assert.Equal([424, 412, 424], results.Select(r => r.StatusCode));
        Assert.Empty(_partition.Writes);
        Assert.Equal(current, _partition.ETag("kept"));
    }

    [Fact]
    public async Task QuotedAndBareSpellingsOfTheCurrentETagBothMatch()
    {
        var etag = _partition.Seed("kept", 1);

        var quoted = await RunAsync(Replace(0, "kept", 2, ifMatch: $"\"{etag}\""));
        var bare = await RunAsync(Replace(0, "kept", 3, ifMatch: _partition.ETag("kept")));

        Assert.Equal((200, 200, (int?)3), (quoted[0].StatusCode, bare[0].StatusCode, _partition.N("kept")));
    }

    [Theory]
    [InlineData("existing", 409)]
    [InlineData("missing", 404)]
    public async Task AnOperationThatCannotApplyFailsTheBatchWithItsOwnStatus(string target, int status)
    {
        _partition.Seed("existing", 1);
        var failing = status == 409 ? Create(1, target, 2) : Replace(1, target, 2);

        var results = await RunAsync(Create(0, "new", 1), failing);

        Assert.Equal([424, status], results.Select(r => r.StatusCode));
        Assert.Empty(_partition.Writes);
    }

    [Fact]
    public async Task AnItemWrittenEarlierInTheBatchCannotBeMatchedByAnETagTheCallerHolds()
    {
        var etag = _partition.Seed("kept", 1);

        var results = await RunAsync(Replace(0, "kept", 2), Replace(1, "kept", 3, ifMatch: etag));

        Assert.Equal([424, 412], results.Select(r => r.StatusCode));
        Assert.Equal(1, _partition.N("kept"));
    }

    [Fact]
    public async Task AFailureOnlyTheServerFindsUndoesEveryWriteNewestOperationFirst()
    {
        _partition.Seed("kept", 1);
        _partition.Seed("gone", 1);
        _partition.FailCreate = id => id == "duplicate-email" ? HttpStatusCode.Conflict : null;

        var results = await RunAsync(Create(0, "new", 1), Replace(1, "kept", 2), Delete(2, "gone"), Create(3, "duplicate-email", 1));

        Assert.Equal([424, 424, 424, 409], results.Select(r => r.StatusCode));
        Assert.Equal((1, 1, (int?)null), (_partition.N("kept"), _partition.N("gone"), _partition.N("new")));
        Assert.Equal(["create gone", "replace kept if e4", "delete new if e3"], _partition.Writes.Skip(4));
    }

    [Fact]
    public async Task AWriteOvertakenFromOutsideTheBatchRunsTheWholeBatchAgain()
    {
        _partition.Seed("kept", 1);
        var overtaken = false;
        _partition.BeforeWrite = id =>
        {
            if (id != "kept" || overtaken) return;
            overtaken = true;
            _partition.Touch("kept");
        };

        var results = await RunAsync(Create(0, "event", 1), Replace(1, "kept", 2));

        Assert.Equal([201, 200], results.Select(r => r.StatusCode));
        Assert.Equal((2, (int?)1), (_partition.N("kept"), _partition.N("event")));
        Assert.Equal(["create event", "replace kept if e1", "delete event if e2", "create event", "replace kept if e3"], _partition.Writes);
    }
}
