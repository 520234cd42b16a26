using Microsoft.Extensions.DependencyInjection;
using Tickets.Administration.Audit;
using Tickets.Storage.Sqlite.Administration;
using Tickets.Users;

namespace Tickets.ContractTests.Sqlite;

/// <summary>SQLite keeps the audit log <c>Tickets:Audit:RetentionDays</c> (400) days: the <c>AuditSweep</c> timer deletes the rest, in batches.</summary>
public sealed class SqliteAuditRetentionTests() : AuditScenes(new SqliteStore())
{
    private async Task<AuditSweep> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditLog>().SweepAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheSweepRemovesEntriesOlderThanTheRetentionAndKeepsTheRest()
    {
        var old = await CreateAuditedAsync(NewUser());
        Time.Advance(TimeSpan.FromDays(10));
        var recent = await CreateAuditedAsync(NewUser());
        Time.Advance(TimeSpan.FromDays(395));

        var swept = await SweepAsync();

        Assert.Equal(new AuditSweep(Removed: 1, Relayed: 0), swept);
        Assert.Equal([recent.Id], (await Audit.ListAsync(Everything())).Items.Select(e => e.Target.Id));
        Assert.NotNull(await Users.FindByIdAsync(old.Id));
    }

    [Fact]
    public async Task NothingWithinTheRetentionIsRemoved()
    {
        await CreateAuditedAsync(NewUser());
        Time.Advance(TimeSpan.FromDays(400) - TimeSpan.FromSeconds(1));

        Assert.Equal(new AuditSweep(0, 0), await SweepAsync());
        Assert.Single((await Audit.ListAsync(Everything())).Items);
    }

    [Fact]
    public async Task ALargeBacklogIsRemovedInBatchesByOneSweep()
    {
        var user = await CreateAuditedAsync(NewUser());
        var entries = Enumerable.Range(0, SqliteAuditStore.PurgeBatch * 2 + 1)
            .Select(i => AuditEntry.Of(Admin, UserAudit.ProfileChanged, UserAudit.TargetOf(user), new { n = i }, new { n = i + 1 }, Time.GetUtcNow()))
            .ToList();
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(user with { Department = "Lote" }, entries));
        Time.Advance(TimeSpan.FromDays(401));

        Assert.Equal(new AuditSweep(entries.Count + 1, 0), await SweepAsync());
        Assert.Empty((await Audit.ListAsync(Everything())).Items);
    }
}
