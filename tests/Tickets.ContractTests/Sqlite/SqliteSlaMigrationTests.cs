using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Storage.Sqlite;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests.Sqlite;

/// <summary>Migration 5 gives tickets written before it the SLA columns the application would write (no warning points yet).</summary>
public sealed class SqliteSlaMigrationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Technician = new("tech-1", "Tomás Técnico", Role.Technician, "Soporte");
    private static readonly Actor Admin = new("admin-1", "Ana Admin", Role.Admin, "Sistemas");

    private readonly string _path = Path.Combine(Path.GetTempPath(), "tickets-tests", $"migration-{Guid.NewGuid():N}.db");
    private int _number;

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
    public async Task TicketsFromBeforeTheSlaColumnsAreFilteredByTheConditionTheirDocumentsDescribe()
    {
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = _path }), NullLogger<SqliteDatabase>.Instance);
        await CreateVersion2SchemaAsync(database,
        [
            Open("Vencido", "critical", Now.AddHours(-2)),
            Open("En plazo", "low", Now),
            InProgress("En espera", "medium", Now.AddHours(-1)).Then(t => t.ChangeStatus(Technician, TicketStatus.OnHold, null, Rules, Now.AddMinutes(-30))),
            // Resolution was due an hour before it was put on hold.
            InProgress("En espera tarde", "critical", Now.AddHours(-5)).Then(t => t.ChangeStatus(Technician, TicketStatus.OnHold, null, Rules, Now.AddMinutes(-30))),
            Open("Resuelto tarde", "high", Now.AddHours(-30)).Then(t => t.ChangeStatus(Admin, TicketStatus.Resolved, "Hecho.", Rules, Now)),
            Open("Cumplido", "medium", Now.AddHours(-1)).Then(t => t.ChangeStatus(Admin, TicketStatus.Resolved, "Hecho.", Rules, Now)),
        ]);

        await database.InitializeAsync(CancellationToken.None);

        var store = new SqliteTicketStore(database);
        async Task<IEnumerable<string>> Titles(SlaCondition condition) =>
            (await store.ListAsync(new TicketQuery { Sla = new SlaFilter([condition], Now), Page = new PageRequest(50, null, false) })).Items.Select(t => t.Title).Order();
        Assert.Equal(["En plazo"], await Titles(SlaCondition.OnTrack));
        Assert.Empty(await Titles(SlaCondition.AtRisk));
        Assert.Equal(["En espera tarde", "Resuelto tarde", "Vencido"], await Titles(SlaCondition.Breached));
        Assert.Equal(["En espera"], await Titles(SlaCondition.Paused));
        Assert.Equal(["Cumplido"], await Titles(SlaCondition.Met));
    }

    private Ticket Open(string title, string priority, DateTimeOffset at) =>
        Ticket.Create(Guid.NewGuid().ToString("N"), ++_number, new CreateTicketRequest(title, "Descripción.", priority), Requester, Rules, at).Value.Ticket
        with { Assignee = new Assignee(Technician.Id, Technician.Name) };

    private Ticket InProgress(string title, string priority, DateTimeOffset at) =>
        Open(title, priority, at).Then(t => t.ChangeStatus(Technician, TicketStatus.InProgress, null, Rules, at.AddMinutes(10)));

    /// <summary>The database as version 2 left it, holding <paramref name="tickets"/> as version 2 wrote them.</summary>
    private static async Task CreateVersion2SchemaAsync(SqliteDatabase database, IEnumerable<Ticket> tickets)
    {
        await using var connection = await database.OpenAsync();
        await Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version <= 2))
        {
            await Execute(connection, migration.Sql);
            await Execute(connection, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({migration.Version}, '2026-01-01')");
        }

        foreach (var t in tickets)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO tickets (id, number, status, priority_rank, category, requester_id, assignee_id, created_at, updated_at,
                    first_response_at, resolved_at, first_response_due, resolution_due, sla_due, deleted, search_text, etag, doc)
                VALUES ($id, $number, $status, $rank, NULL, $requester, $assignee, $created, $updated,
                    $responded, $resolved, $responseDue, $resolutionDue, $slaDue, 0, '', 'etag', $doc)
                """;
            insert.Parameters.AddWithValue("$id", t.Id);
            insert.Parameters.AddWithValue("$number", t.Number);
            insert.Parameters.AddWithValue("$status", Json.EnumName(t.Status));
            insert.Parameters.AddWithValue("$rank", (int)t.Priority);
            insert.Parameters.AddWithValue("$requester", t.Requester.Id);
            insert.Parameters.AddWithValue("$assignee", t.Assignee?.Id);
            insert.Parameters.AddWithValue("$created", t.CreatedAt.UtcTicks);
            insert.Parameters.AddWithValue("$updated", t.UpdatedAt.UtcTicks);
            insert.Parameters.AddWithValue("$responded", (object?)t.FirstResponseAt?.UtcTicks ?? DBNull.Value);
            insert.Parameters.AddWithValue("$resolved", (object?)t.ResolvedAt?.UtcTicks ?? DBNull.Value);
            insert.Parameters.AddWithValue("$responseDue", t.Sla.FirstResponseDueAt.UtcTicks);
            insert.Parameters.AddWithValue("$resolutionDue", t.Sla.ResolutionDueAt.UtcTicks);
            insert.Parameters.AddWithValue("$slaDue", t.IsWorkOpen ? t.Sla.NextDueAt(t.FirstResponseAt is not null).UtcTicks : long.MaxValue);
            insert.Parameters.AddWithValue("$doc", LegacyDocument(t));
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The ticket's JSON without what version 5 added to the SLA clock.</summary>
    private static string LegacyDocument(Ticket ticket)
    {
        var document = JsonSerializer.SerializeToNode(ticket, Json.Options)!.AsObject();
        var sla = document["sla"]!.AsObject();
        foreach (var added in new[] { "calendar", "firstResponseWarningAt", "resolutionWarningAt", "resolutionRestartedAt", "pauses", "generation" })
            Assert.True(sla.Remove(added), added);
        return document.ToJsonString(Json.Options);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
