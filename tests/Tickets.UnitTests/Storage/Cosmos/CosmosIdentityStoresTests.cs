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
    public async Task AClaimThatLosesARaceReadsAgainAndDecidesAgain()
    {
        const string id = "throttle:account:ana@example.org";
        var first = new LoginThrottleDocument { Id = id, Email = "account:ana@example.org", Failures = [Now.AddMinutes(-2)] };
        var meanwhile = first with { Failures = [Now.AddMinutes(-2), Now.AddMinutes(-1)] };
        _container
            .SetupSequence(c => c.ReadItemAsync<LoginThrottleDocument>(id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(first, "\"etag-1\""))
            .ReturnsAsync(CosmosMocks.Item(meanwhile, "\"etag-2\""));
        _container
            .SetupSequence(c => c.ReplaceItemAsync(It.IsAny<LoginThrottleDocument>(), id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.PreconditionFailed))
            .ReturnsAsync(CosmosMocks.Item<LoginThrottleDocument>(null!));

        var claim = await new CosmosLoginThrottleStore(_container.Object).TryClaimAsync("account:ana@example.org", 5, TimeSpan.FromMinutes(15), Now);

        Assert.True(claim.Granted);
        _container.Verify(c => c.ReplaceItemAsync(
            It.Is<LoginThrottleDocument>(d => d.Failures.SequenceEqual(new[] { Now.AddMinutes(-2), Now.AddMinutes(-1), Now })), id, new PartitionKey(id),
            It.Is<ItemRequestOptions?>(o => o != null && o.IfMatchEtag == "\"etag-2\""), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AFullWindowIsRefusedWithoutAWrite()
    {
        const string id = "throttle:k";
        var full = new LoginThrottleDocument { Id = id, Email = "k", Failures = [Now.AddMinutes(-3), Now.AddMinutes(-2)] };
        _container
            .Setup(c => c.ReadItemAsync<LoginThrottleDocument>(id, new PartitionKey(id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(full, "\"etag-1\""));

        var claim = await new CosmosLoginThrottleStore(_container.Object).TryClaimAsync("k", 2, TimeSpan.FromMinutes(15), Now);

        Assert.Equal(ThrottleClaim.Refuse(Now.AddMinutes(12)), claim);
        _container.Verify(c => c.ReplaceItemAsync(It.IsAny<LoginThrottleDocument>(), It.IsAny<string>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ACounterIsIncrementedOnTheServerOnlyWhileBelowItsLimit()
    {
        var options = new List<PatchItemRequestOptions?>();
        _container
            .Setup(c => c.PatchItemAsync<RateCounterDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<IReadOnlyList<PatchOperation>>(), It.IsAny<PatchItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, PartitionKey _, IReadOnlyList<PatchOperation> _, PatchItemRequestOptions? o, CancellationToken _) => options.Add(o))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.PreconditionFailed));

        var claim = await new CosmosLoginThrottleStore(_container.Object).TryCountAsync("everyone", Now, TimeSpan.FromMinutes(1), 600);

        Assert.False(claim.Granted);
        Assert.Equal(Now.AddMinutes(1), claim.RetryAt);
        Assert.Equal("FROM c WHERE c.count < 600", options.Single()!.FilterPredicate);
    }

    [Fact]
    public void AnEmailTooLongForACosmosIdIsClaimedByItsHash()
    {
        var longest = new string('a', 64) + "@" + new string('b', 185) + ".org";
        var escaped = new string('%', 60) + "@example.org";

        Assert.True(DocumentIds.EmailClaim(longest).Length <= 255);
        Assert.True(DocumentIds.EmailClaim(escaped).Length <= 255);
        Assert.NotEqual(DocumentIds.EmailClaim(longest), DocumentIds.EmailClaim(longest + "x"));
        Assert.Equal("email:ana@example.org", DocumentIds.EmailClaim("ana@example.org"));
    }

    [Fact]
    public void EmailsWithCharactersCosmosForbidsInIdsGetDistinctSafeIds()
    {
        Assert.Equal("email:a%2Fb%23c%3Fd%5Ce%25f@x.org", DocumentIds.EmailClaim("a/b#c?d\\e%f@x.org"));
        Assert.NotEqual(DocumentIds.EmailClaim("a%2F@x.org"), DocumentIds.EmailClaim("a/@x.org"));
    }
}
