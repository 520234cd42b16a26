using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Storage.Sqlite;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests.Sqlite;

/// <summary>
/// Migration 27 gives each tag row its ticket's sort keys: the rows written before it (tag and ticket only) get them
/// from their tickets, so a tag's list sorts and pages the same right after the upgrade.
/// </summary>
public sealed class SqliteTagSortMigrationTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tickets-tests", $"tag-sort-migration-{Guid.NewGuid():N}.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*")) File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TagRowsWrittenBeforeTheUpgradeSortByTheirTicketsKeysAfterIt()
    {
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = _path }), NullLogger<SqliteDatabase>.Instance);
        await using (var connection = await database.OpenAsync())
        {
            await Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version != 27))
            {
                await Execute(connection, migration.Sql);
                await Execute(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({migration.Version}, '2026-01-01')");
            }
        }

        // Tickets written as before the upgrade: the store writes no tag row for an untagged ticket, and the old rows
        // (tag and ticket only) are put in by hand.
        var store = new SqliteTicketStore(database);
        var rules = new TicketRules(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
        var requester = new Actor("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var ids = new List<string>();
        foreach (var (title, priority, minutes) in new[] { ("Antiguo", "critical", 0), ("Medio", "low", 1), ("Reciente", "high", 2) })
        {
            var number = await store.NextNumberAsync();
            var change = Ticket.Create(Guid.NewGuid().ToString("N"), number, new CreateTicketRequest(title, "Sin VPN.", priority), requester, rules,
                start.AddMinutes(minutes)).Value;
            ids.Add((await store.CreateAsync(change))!.Id);
        }

        await using (var connection = await database.OpenAsync())
        {
            foreach (var id in ids) await Execute(connection, $"INSERT INTO ticket_tags (tag, ticket_id) VALUES ('vpn', '{id}')");
        }

        await database.InitializeAsync(CancellationToken.None);

        async Task<IReadOnlyList<string>> ListAsync(TicketSort sort, int limit)
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await store.ListAsync(new TicketQuery { Tag = "vpn", Sort = sort, Page = new PageRequest(limit, cursor, false) });
                seen.AddRange(page.Items.Select(t => t.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            return seen;
        }

        Assert.Equal([ids[2], ids[1], ids[0]], await ListAsync(TicketSort.CreatedAtDescending, 2));
        Assert.Equal([ids[0], ids[2], ids[1]], await ListAsync(TicketSort.PriorityDescending, 1));
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
