using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using Tickets.Identity;
using Tickets.Storage.Cosmos;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class CosmosIdentityStoresTests
{
    private readonly Mock<Container> _container = new(MockBehavior.Strict);

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly RefreshToken Token = new("abc123", "u1", "family-1", Now, Now.AddDays(14), null, null);

    private const string TokenId = "token:abc123";

    [Fact]
    public async Task RefreshTokenIsFoundByAPointReadOnItsHash()
    {
        _container
            .Setup(c => c.ReadItemAsync<RefreshTokenDocument>(TokenId, new PartitionKey(TokenId), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(RefreshTokenDocument.From(Token, Now)));

        Assert.Equal(Token, await new CosmosRefreshTokenStore(_container.Object).FindAsync("abc123"));
    }

    [Fact]
    public async Task SpendingIsAReplaceConditionalOnTheETagThatWasRead()
    {
        _container
            .Setup(c => c.ReadItemAsync<RefreshTokenDocument>(TokenId, new PartitionKey(TokenId), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(RefreshTokenDocument.From(Token, Now), "\"etag-3\""));
        _container
            .Setup(c => c.ReplaceItemAsync(It.IsAny<RefreshTokenDocument>(), TokenId, new PartitionKey(TokenId), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item<RefreshTokenDocument>(null!));

        Assert.True(await new CosmosRefreshTokenStore(_container.Object).TrySpendAsync("abc123", Now.AddMinutes(1)));
        _container.Verify(c => c.ReplaceItemAsync(
            It.Is<RefreshTokenDocument>(d => d.SpentAt == Now.AddMinutes(1)), TokenId, new PartitionKey(TokenId),
            It.Is<ItemRequestOptions?>(o => o != null && o.IfMatchEtag == "\"etag-3\""), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task LosingTheSpendRaceReportsFalse()
    {
        _container
            .Setup(c => c.ReadItemAsync<RefreshTokenDocument>(TokenId, new PartitionKey(TokenId), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(RefreshTokenDocument.From(Token, Now)));
        _container
            .Setup(c => c.ReplaceItemAsync(It.IsAny<RefreshTokenDocument>(), TokenId, new PartitionKey(TokenId), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.PreconditionFailed));

        Assert.False(await new CosmosRefreshTokenStore(_container.Object).TrySpendAsync("abc123", Now));
    }

    [Fact]
    public async Task RevokingAFamilyQueriesByParameterAndPatchesEachTokenInItsPartition()
    {
        var queries = new List<QueryDefinition>();
        _container.SetupQuery<string>(["token:a", "token:b"], queries);
        _container
            .Setup(c => c.PatchItemAsync<RefreshTokenDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<IReadOnlyList<PatchOperation>>(), It.IsAny<PatchItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item<RefreshTokenDocument>(null!));

        await new CosmosRefreshTokenStore(_container.Object).RevokeFamilyAsync("family-1", Now);

        Assert.Equal("family-1", queries.Single().GetQueryParameters().Single(p => p.Name == "@value").Value);
        foreach (var id in new[] { "token:a", "token:b" })
        {
            _container.Verify(c => c.PatchItemAsync<RefreshTokenDocument>(id, new PartitionKey(id),
                It.Is<IReadOnlyList<PatchOperation>>(ops => ops.Single().Path == "/revokedAt"), It.IsAny<PatchItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    [Fact]
    public async Task RecordingAFailureRetriesWhenAnotherFailureWasRecordedMeanwhile()
    {
        const string id = "throttle:ana@example.org";
        var stored = new LoginThrottleDocument { Id = id, Email = "ana@example.org", Failures = [Now.AddMinutes(-1)] };
        _container
            .Setup(c => c.ReadItemAsync<LoginThrottleDocument>(id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(stored, "\"etag-1\""));
        _container
            .SetupSequence(c => c.ReplaceItemAsync(It.IsAny<LoginThrottleDocument>(), id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.PreconditionFailed))
            .ReturnsAsync(CosmosMocks.Item<LoginThrottleDocument>(null!));

        await new CosmosLoginThrottleStore(_container.Object).RecordFailureAsync("ana@example.org", Now);

        _container.Verify(c => c.ReplaceItemAsync(
            It.Is<LoginThrottleDocument>(d => d.Failures.SequenceEqual(new[] { Now.AddMinutes(-1), Now })), id, new PartitionKey(id),
            It.Is<ItemRequestOptions?>(o => o != null && o.IfMatchEtag == "\"etag-1\""), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void EmailsWithCharactersCosmosForbidsInIdsGetDistinctSafeIds()
    {
        Assert.Equal("email:a%2Fb%23c%3Fd%5Ce%25f@x.org", DocumentIds.EmailClaim("a/b#c?d\\e%f@x.org"));
        Assert.NotEqual(DocumentIds.EmailClaim("a%2F@x.org"), DocumentIds.EmailClaim("a/@x.org"));
    }
}
