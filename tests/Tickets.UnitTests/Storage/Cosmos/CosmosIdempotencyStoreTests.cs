using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
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

        Assert.Null(await Store.TryClaimAsync("user-1|create_ticket|my/key?#", "hash", Now, Now.AddHours(24)));

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
            .ReturnsAsync(CosmosMocks.Item(new IdempotencyDocument { Id = id, RequestHash = "first", ExpiresAt = Now.AddHours(1), Ttl = 3600 }));

        var record = await Store.TryClaimAsync("k", "second", Now, Now.AddHours(24));

        Assert.Equal(("k", "first"), (record?.Key, record?.RequestHash));
    }
}
