using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Administration.Audit;
using Tickets.Storage.Cosmos;
using Tickets.Users;
using User = Tickets.Users.User;

namespace Tickets.ContractTests.Cosmos;

/// <summary>
/// Cosmos' side of the audit log: a user change's entries ride in the user document (the <c>users</c> and <c>admin</c>
/// containers share no batch) and are delivered to the log from there — right after the write, by the user's next write,
/// or by the <c>AuditSweep</c> timer after a crash — exactly once; the log's entries expire by their own ttl.
/// </summary>
public abstract class CosmosAuditRelayContract(IStoreUnderTest store) : AuditScenes(store)
{
    private Container UsersContainer => Get<CosmosStore>().Container(CosmosModel.Users);

    private Container AdminContainer => Get<CosmosStore>().Container(CosmosModel.Admin);

    private async Task<AuditSweep> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditLog>().SweepAsync(CancellationToken.None);
    }

    private async Task<JsonElement> RawAsync(Container container, string id, string partition)
    {
        var response = await container.ReadItemAsync<JsonElement>(id, new PartitionKey(partition));
        return response.Resource;
    }

    /// <summary>A user whose write committed with <paramref name="entry"/> inside, and whose delivery never ran (the process stopped).</summary>
    private async Task<User> CrashedAfterWriteAsync(AuditEntry entry)
    {
        var user = NewUser();
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(user));
        var stored = await UsersContainer.ReadItemAsync<UserDocument>(user.Id, new PartitionKey(user.Id));
        await UsersContainer.ReplaceItemAsync(stored.Resource with { PendingAudit = [entry] }, user.Id, new PartitionKey(user.Id),
            new ItemRequestOptions { IfMatchEtag = stored.ETag });
        return user;
    }

    private AuditEntry RoleChange(string userId) =>
        AuditEntry.Of(Admin, UserAudit.RoleChanged, new AuditTarget("user", userId, "Persona"), new { role = "user" }, new { role = "admin" }, Time.GetUtcNow());

    [StoreFact]
    public async Task EachEntryCarriesTheRetentionAsItsTtl()
    {
        var user = await CreateAuditedAsync(NewUser());
        var entry = (await Audit.ListAsync(Everything())).Items.Single();

        var document = await RawAsync(AdminContainer, AuditDocument.IdOf(entry.Id), "config");

        Assert.Equal(400 * 24 * 60 * 60, document.GetProperty("ttl").GetInt32());
        Assert.Equal("audit", document.GetProperty("type").GetString());
        Assert.Equal(user.Id, document.GetProperty("target").GetProperty("id").GetString());
    }

    [StoreFact]
    public async Task ADeliveredEntryNoLongerRidesInTheUserDocument()
    {
        var user = await CreateAuditedAsync(NewUser());
        await ChangeAuditedAsync(user, u => u with { Role = Role.Technician });

        var document = await RawAsync(UsersContainer, user.Id, user.Id);

        Assert.False(document.TryGetProperty("pendingAudit", out _));
        Assert.Equal(2, (await Audit.ListAsync(Everything())).Items.Count);
    }

    [StoreFact]
    public async Task EntriesACrashLeftInUserDocumentsAreDeliveredByTheSweepOnce()
    {
        var first = RoleChange("first");
        var second = RoleChange("second");
        var user = await CrashedAfterWriteAsync(first);
        await CrashedAfterWriteAsync(second);
        Assert.Empty((await Audit.ListAsync(Everything())).Items);

        var swept = await SweepAsync();
        var again = await SweepAsync();

        Assert.Equal(new AuditSweep(0, 2), swept);
        Assert.Equal(new AuditSweep(0, 0), again);
        var listed = (await Audit.ListAsync(Everything())).Items;
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), listed.Select(i => i.Id).Order(StringComparer.Ordinal));
        var delivered = listed.Single(i => i.Id == first.Id);
        Assert.Equal((first.Actor, first.Action, first.Target, first.At), (delivered.Actor, delivered.Action, delivered.Target, delivered.At));
        Assert.Equal("admin", delivered.After!.Value.GetProperty("role").GetString());
        Assert.False((await RawAsync(UsersContainer, user.Id, user.Id)).TryGetProperty("pendingAudit", out _));
    }

    [StoreFact]
    public async Task AnEntryAlreadyInTheLogIsNotDeliveredTwice()
    {
        var entry = RoleChange("someone");
        await CrashedAfterWriteAsync(entry);
        // The copy landed but the process stopped before removing it from the user document.
        await AdminContainer.CreateItemAsync(AuditDocument.From(entry, TimeSpan.FromDays(400)), new PartitionKey("config"));

        await SweepAsync();

        Assert.Single((await Audit.ListAsync(Everything())).Items, i => i.Id == entry.Id);
    }

    [StoreFact]
    public async Task APendingEntryIsDeliveredByTheUsersNextWrite()
    {
        var entry = RoleChange("someone");
        var user = await CrashedAfterWriteAsync(entry);
        var stored = (await Users.FindByIdAsync(user.Id))!;

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { LastLoginAt = Time.GetUtcNow() }));

        Assert.Single((await Audit.ListAsync(Everything())).Items, i => i.Id == entry.Id);
        Assert.False((await RawAsync(UsersContainer, user.Id, user.Id)).TryGetProperty("pendingAudit", out _));
    }
}
