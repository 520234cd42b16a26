using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using Tickets.Idempotency;
using Tickets.Storage.Cosmos;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class CosmosIdempotencyStoreTests
{
    private readonly Mock<Container> _meta = new(MockBehavior.Strict);

    private CosmosIdempotencyStore Store => new(_meta.Object);

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ClaimIsACreateOfAHashedIdThatExpiresInADay()
    {
        IdempotencyDocument? written = null;
        PartitionKey? partitionKey = null;
        _meta.Setup(c => c.CreateItemAsync(It.IsAny<IdempotencyDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((IdempotencyDocument d, PartitionKey? pk, ItemRequestOptions? _, CancellationToken _) => (written, partitionKey) = (d, pk))
            .ReturnsAsync((IdempotencyDocument d, PartitionKey? _, ItemRequestOptions? _, CancellationToken _) => CosmosMocks.Item(d));

        var claim = await Store.ClaimAsync(new IdempotencyRecord("user-1|create_ticket|my/key?#", "hash", Now, Now.AddHours(24)), TimeSpan.FromSeconds(30));

        Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
        Assert.Matches("^idem:[0-9a-f]{64}$", written!.Id);
        Assert.Equal(new PartitionKey(written.Id), partitionKey);
        Assert.Equal(24 * 60 * 60, written.Ttl);
    }

    [Fact]
    public async Task TakenKeyAnswersTheLiveRecord()
    {
        var id = MetaIds.Idempotency("k");
        _meta.Setup(c => c.CreateItemAsync(It.IsAny<IdempotencyDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.Conflict));
        _meta.Setup(c => c.ReadItemAsync<IdempotencyDocument>(id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new IdempotencyDocument { Id = id, RequestHash = "first", ClaimedAt = Now, ExpiresAt = Now.AddHours(1), Ttl = 3600 }));

        var claim = await Store.ClaimAsync(new IdempotencyRecord("k", "second", Now, Now.AddHours(24)), TimeSpan.FromSeconds(30));

        Assert.Equal((ClaimOutcome.Held, "k", "first"), (claim.Outcome, claim.Record.Key, claim.Record.RequestHash));
    }

    [Fact]
    public async Task ALapsedClaimIsTakenOverByAReplaceConditionalOnTheETagItWasReadAt()
    {
        var id = MetaIds.Idempotency("k");
        var lease = TimeSpan.FromSeconds(30);
        _meta.Setup(c => c.CreateItemAsync(It.IsAny<IdempotencyDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.Conflict));
        _meta.Setup(c => c.ReadItemAsync<IdempotencyDocument>(id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(
                new IdempotencyDocument { Id = id, RequestHash = "same", ClaimedAt = Now - lease, ResourceId = "first-id", ExpiresAt = Now.AddHours(23), Ttl = 3600 },
                "\"read-at\""));
        IdempotencyDocument? replaced = null;
        ItemRequestOptions? conditions = null;
        _meta.Setup(c => c.ReplaceItemAsync(It.IsAny<IdempotencyDocument>(), id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((IdempotencyDocument d, string _, PartitionKey? _, ItemRequestOptions? o, CancellationToken _) => (replaced, conditions) = (d, o))
            .ReturnsAsync((IdempotencyDocument d, string _, PartitionKey? _, ItemRequestOptions? _, CancellationToken _) => CosmosMocks.Item(d));

        var claim = await Store.ClaimAsync(new IdempotencyRecord("k", "same", Now, Now.AddHours(24)) { ResourceId = "my-id" }, lease);

        Assert.Equal((ClaimOutcome.TakenOver, "first-id", Now), (claim.Outcome, claim.Record.ResourceId, claim.Record.ClaimedAt));
        Assert.Equal("\"read-at\"", conditions?.IfMatchEtag);
        Assert.Equal((Now, "first-id", Now.AddHours(23)), (replaced!.ClaimedAt, replaced.ResourceId, replaced.ExpiresAt));
    }
}
