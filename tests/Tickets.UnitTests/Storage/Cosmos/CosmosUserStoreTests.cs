using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using Tickets.Common;
using Tickets.Storage.Cosmos;
using Tickets.Storage.Cosmos.Administration;
using Tickets.Users;
using User = Tickets.Users.User;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class CosmosUserStoreTests
{
    private readonly Mock<Container> _container = new(MockBehavior.Strict);
    private readonly List<QueryDefinition> _queries = [];

    private CosmosUserStore Store => new(_container.Object, new CosmosAuditRelay(_container.Object, new Mock<Container>(MockBehavior.Strict).Object,
        Microsoft.Extensions.Options.Options.Create(new global::Tickets.Administration.Audit.AuditOptions()), TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<CosmosAuditRelay>.Instance));

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static User Ana(long version = 1) => new()
    {
        Id = "u1", Email = "ana@example.org", Dni = "12345678", Phone = "600000000", FirstNames = "Ana", LastNames = "Muñoz",
        Department = "Soporte", Role = Role.Admin, Active = true, PasswordHash = "hash", CreatedAt = Now, UpdatedAt = Now, Version = version,
    };

    private void SetupUserRead(User user, string etag = "\"etag-1\"") => _container
        .Setup(c => c.ReadItemAsync<UserDocument>(user.Id, new PartitionKey(user.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
        .ReturnsAsync(CosmosMocks.Item(UserDocument.From(user, user.Version), etag));

    [Fact]
    public async Task FindByIdIsAPointReadInTheUsersOwnPartition()
    {
        SetupUserRead(Ana());

        var found = await Store.FindByIdAsync("u1");

        Assert.Equal("ana@example.org", found?.Email);
        _container.Verify(c => c.ReadItemAsync<UserDocument>("u1", new PartitionKey("u1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _container.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task FindByEmailReadsTheClaimThenTheUserWithoutAQuery()
    {
        _container
            .Setup(c => c.ReadItemAsync<ClaimDocument>("email:ana@example.org", new PartitionKey("email:ana@example.org"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new ClaimDocument("email:ana@example.org", "emailClaim", "u1")));
        SetupUserRead(Ana());

        var found = await Store.FindByEmailAsync("ana@example.org");

        Assert.Equal("u1", found?.Id);
        _container.Verify(c => c.GetItemQueryIterator<UserDocument>(It.IsAny<QueryDefinition>(), It.IsAny<string?>(), It.IsAny<QueryRequestOptions?>()), Times.Never);
    }

    [Fact]
    public async Task MissingUserIsNullNotAnError()
    {
        _container
            .Setup(c => c.ReadItemAsync<UserDocument>("missing", new PartitionKey("missing"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.NotFound));

        Assert.Null(await Store.FindByIdAsync("missing"));
    }

    [Fact]
    public async Task UpdateReplacesOnlyIfTheStoredETagStillMatches()
    {
        SetupUserRead(Ana(), etag: "\"etag-7\"");
        _container.SetupQuery<string>(["u2"], _queries);
        _container
            .Setup(c => c.ReplaceItemAsync(It.IsAny<UserDocument>(), "u1", new PartitionKey("u1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item<UserDocument>(null!));

        var outcome = await Store.UpdateAsync(Ana() with { Department = "Compras", Role = Role.User });

        Assert.Equal(UserWrite.Done, outcome);
        _container.Verify(c => c.ReplaceItemAsync(
            It.Is<UserDocument>(d => d.Department == "Compras" && d.Version == 2),
            "u1",
            new PartitionKey("u1"),
            It.Is<ItemRequestOptions?>(o => o != null && o.IfMatchEtag == "\"etag-7\""),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpdateThatLosesTheETagRaceIsAVersionConflict()
    {
        SetupUserRead(Ana());
        _container
            .Setup(c => c.ReplaceItemAsync(It.IsAny<UserDocument>(), "u1", new PartitionKey("u1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.PreconditionFailed));

        Assert.Equal(UserWrite.VersionConflict, await Store.UpdateAsync(Ana() with { Department = "Compras" }));
    }

    [Fact]
    public async Task DemotingTheLastActiveAdminWritesNothing()
    {
        SetupUserRead(Ana());
        _container.SetupQuery<string>([], _queries);

        Assert.Equal(UserWrite.LastActiveAdmin, await Store.UpdateAsync(Ana() with { Role = Role.Technician }));
        _container.Verify(c => c.ReplaceItemAsync(It.IsAny<UserDocument>(), It.IsAny<string>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Contains("@except", _queries.Single().GetQueryParameters().Select(p => p.Name));
    }

    [Fact]
    public async Task CreateClaimsEmailAndDniBeforeTheUserEachInItsOwnPartition()
    {
        var order = new List<string>();
        _container
            .Setup(c => c.CreateItemAsync(It.IsAny<ClaimDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((ClaimDocument claim, PartitionKey? key, ItemRequestOptions? _, CancellationToken _) =>
            {
                Assert.Equal(new PartitionKey(claim.Id), key);
                order.Add(claim.Id);
            })
            .ReturnsAsync(CosmosMocks.Item<ClaimDocument>(null!));
        _container
            .Setup(c => c.CreateItemAsync(It.IsAny<UserDocument>(), new PartitionKey("u1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("user"))
            .ReturnsAsync(CosmosMocks.Item<UserDocument>(null!));

        Assert.Equal(UserWrite.Done, await Store.CreateAsync(Ana()));
        Assert.Equal(["email:ana@example.org", "dni:12345678", "user"], order);
    }

    [Fact]
    public async Task TakenDniReleasesTheEmailClaimAndCreatesNoUser()
    {
        _container
            .Setup(c => c.CreateItemAsync(It.Is<ClaimDocument>(d => d.Type == "emailClaim"), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item<ClaimDocument>(null!));
        _container
            .Setup(c => c.CreateItemAsync(It.Is<ClaimDocument>(d => d.Type == "dniClaim"), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.Conflict));
        _container
            .Setup(c => c.DeleteItemStreamAsync("email:ana@example.org", new PartitionKey("email:ana@example.org"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(UserWrite.DuplicateDni, await Store.CreateAsync(Ana()));
        _container.Verify(c => c.DeleteItemStreamAsync("email:ana@example.org", new PartitionKey("email:ana@example.org"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _container.Verify(c => c.CreateItemAsync(It.IsAny<UserDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task FailedUserWriteReleasesBothClaimsAndRethrows()
    {
        _container
            .Setup(c => c.CreateItemAsync(It.IsAny<ClaimDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item<ClaimDocument>(null!));
        _container
            .Setup(c => c.CreateItemAsync(It.IsAny<UserDocument>(), It.IsAny<PartitionKey?>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.TooManyRequests));
        _container
            .Setup(c => c.DeleteItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResponseMessage(HttpStatusCode.NoContent));

        var thrown = await Assert.ThrowsAsync<CosmosException>(() => Store.CreateAsync(Ana()));

        Assert.Equal(HttpStatusCode.TooManyRequests, thrown.StatusCode);
        _container.Verify(c => c.DeleteItemStreamAsync("email:ana@example.org", new PartitionKey("email:ana@example.org"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _container.Verify(c => c.DeleteItemStreamAsync("dni:12345678", new PartitionKey("dni:12345678"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ListPutsEveryFilterAndTheCursorInParametersNotInTheSqlText()
    {
        _container.SetupQuery<UserDocument>([], _queries);
        var cursor = Cursor.Encode(["muñoz' OR 1=1 --", "u9"]);

        await Store.ListAsync(new UserQuery([Role.Technician], true, "Soporte", "MUÑOZ", new PageRequest(10, cursor, false)));

        var query = _queries.Single();
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.DoesNotContain("MU", query.QueryText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OR 1=1", query.QueryText, StringComparison.Ordinal);
        Assert.Equal("munoz", parameters["@search"]);
        Assert.Equal("soporte", parameters["@department"]);
        Assert.Equal("muñoz' OR 1=1 --", parameters["@afterSort"]);
        Assert.Equal(11, parameters["@take"]);
        Assert.Contains("ORDER BY c.sortName, c.id", query.QueryText, StringComparison.Ordinal);
    }
}
