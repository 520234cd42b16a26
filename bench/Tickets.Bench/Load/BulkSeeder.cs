using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Common;
using Tickets.DevHost;
using Tickets.Notifications;
using Tickets.Sla;
using Tickets.Startup;
using Tickets.Storage.Sqlite;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Bench.Load;

/// <summary>
/// Fills the bench's SQLite store before the host starts: the local host's own start-up (schema, demo accounts and
/// tickets), then tickets made by the aggregate (Ticket.Create, Assign, ChangeStatus — the rows the adapter writes for
/// them, and the SLA checks and auto-close the host would have applied by now) loaded through
/// <see cref="SqliteTicketStore.ImportAsync"/> in large transactions. Not through HTTP: a million tickets would take
/// hours. Seeded tickets carry no outbox messages (nobody is told about a bench's history).
/// Also makes the login run's accounts (one per wrk connection, through the same account rules as sign-up) and the
/// deep-page cursor, signed by the host's own key as the API signs the cursors it hands out.
/// </summary>
public static class BulkSeeder
{
    /// <summary>The login run's accounts: bench-login-{n}@tickets.local, all with the demo user's password.</summary>
    public const int LoginAccounts = 32;

    private const int Batch = 20_000;
    private static readonly string[] Priorities = ["low", "medium", "high", "critical"];
    private static readonly string[] Categories = ["hardware", "software", "network", "access"];
    private static readonly string[] Words = ["impresora", "VPN", "correo", "portátil", "licencia", "pantalla", "red", "acceso"];

    public static string LoginEmail(int n) => $"bench-login-{n}@tickets.local";

    /// <summary>Brings the store up to <paramref name="tickets"/> tickets.</summary>
    public static async Task<Seeded> SeedAsync(string[] hostArguments, long tickets, Action<string> log)
    {
        var app = DevHostApp.Create(hostArguments);
        await app.StartAsync();
        try
        {
            var store = (SqliteTicketStore)app.Services.GetRequiredService<ITicketStore>();
            var users = app.Services.GetRequiredService<IUserStore>();
            var rules = app.Services.GetRequiredService<TicketRules>();
            var requester = Actor.Of((await users.FindByEmailAsync(DemoAccounts.User.Email!))!);
            var tech = (await users.FindByEmailAsync(DemoAccounts.Technician.Email!))!;
            var admin = (await users.FindByEmailAsync(DemoAccounts.Admin.Email!))!;
            await SeedNotificationsAsync(app.Services.GetRequiredService<INotificationStore>(), admin.Id);
            await SeedLoginAccountsAsync(app.Services, users);

            var database = app.Services.GetRequiredService<SqliteDatabase>();
            var have = await CountAsync(database);
            var started = DateTimeOffset.UtcNow;
            while (have < tickets)
            {
                var count = (int)Math.Min(Batch, tickets - have);
                var first = await store.ReserveNumbersAsync(count);
                var changes = new TicketChange[count];
                Parallel.For(0, count, i => changes[i] = Make(first + i, requester, Actor.Of(tech), new Assignee(tech.Id, tech.FullName), rules, started));
                have += await store.ImportAsync(changes);
                log($"  seeded {have:N0} tickets");
            }

            var (cursor, page) = await MiddleCursorAsync(database, app.Services.GetRequiredService<SignedCursors>(), admin);
            return new Seeded(have, cursor, page);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Ticket n, created 20 s after ticket n − 1 (a million span about seven months, ending three weeks before the run):
    /// a quarter open, half in progress with the technician (enough for the status-change run to give every wrk thread
    /// its own tickets), a quarter resolved by the technician. One in twenty is tagged <see cref="BenchTag"/> by the
    /// technician a minute after it opened (and one in seven <c>hardware</c>): what the tag list measures.
    /// </summary>
    private static TicketChange Make(long number, Actor requester, Actor tech, Assignee assignee, TicketRules rules, DateTimeOffset started)
    {
        var n = (int)number;
        var at = started.AddSeconds(-20.0 * (1_100_000 - number));
        var request = new CreateTicketRequest(
            $"{Words[n % Words.Length]} falla {number}",
            $"Descripción del problema número {number} con la {Words[n / 3 % Words.Length]}: ocurre desde esta mañana y afecta a todo el departamento.",
            Priorities[n / 4 % 4], Categories[n % Categories.Length]);
        var id = Guid.CreateVersion7(at).ToString("N");
        var change = Expect(Ticket.Create(id, number, request, requester, rules, at));
        IReadOnlyList<string> tags = [.. n % 20 == 0 ? [BenchTag] : Array.Empty<string>(), .. n % 7 == 0 ? ["hardware"] : Array.Empty<string>()];
        if (tags.Count > 0) change = Then(change, Expect(change.Ticket.SetTags(tech, tags, at.AddMinutes(1))));
        if (n % 4 is 1 or 2 or 3)
        {
            change = Then(change, Expect(change.Ticket.Assign(tech, assignee, at.AddMinutes(5))));
            change = Then(change, Expect(change.Ticket.ChangeStatus(tech, TicketStatus.InProgress, null, rules, at.AddMinutes(10))));
        }

        if (n % 4 == 2)
            change = Then(change, Expect(change.Ticket.ChangeStatus(tech, TicketStatus.Resolved, "Resuelto en el banco de pruebas.", rules, at.AddMinutes(30))));
        return WhatTheSystemDid(change, rules, started);
    }

    /// <summary>
    /// What the host's own queue and timer functions would have done to the ticket by <paramref name="now"/>: each SLA
    /// target that came due was checked then (breach, escalation, the priority raise and its re-measured targets), and a
    /// resolved ticket left alone was closed. So the store is in the state a running system keeps it in, and the host's
    /// sweeps (SLA every 5 minutes, auto-close every 10) find nothing to catch up on while wrk measures; without this
    /// they wrote escalations of old tickets in the middle of some runs.
    /// </summary>
    private static TicketChange WhatTheSystemDid(TicketChange change, TicketRules rules, DateTimeOffset now)
    {
        for (var check = Overdue(change.Ticket, now); check is not null; check = Overdue(change.Ticket, now))
        {
            var checkedThen = change.Ticket.CheckSla(check, rules, check.At);
            if (checkedThen.Events.Count == 0) throw new InvalidOperationException($"The SLA check of {check.TicketId} ({check.Target}) due {check.At:O} changed nothing.");
            change = Then(change, checkedThen);
        }

        var closeAt = change.Ticket.UpdatedAt + rules.AutoCloseDelay;
        return change.Ticket.Status == TicketStatus.Resolved && closeAt <= now ? Then(change, change.Ticket.AutoClose(rules, closeAt)) : change;
    }

    /// <summary>
    /// The running clock's earliest due time that came by <paramref name="now"/> and was not recorded, as the check the
    /// host ran then (<see cref="SlaSchedule.Points"/>, the chain's own points). Both targets, not only the one a list
    /// shows: an unanswered ticket's resolution comes due too, and once someone answered it the sweep found it overdue
    /// mid-run.
    /// </summary>
    private static SlaCheckMessage? Overdue(Ticket ticket, DateTimeOffset now) =>
        SlaSchedule.Points(ticket).FirstOrDefault(point => point.Point == SlaCheckPoint.Due && point.At <= now);

    /// <summary>The tag on one seeded ticket in twenty (the tag list's filter).</summary>
    public const string BenchTag = "vpn";

    private static TicketChange Then(TicketChange before, TicketChange next) => next with { Events = [.. before.Events, .. next.Events] };

    private static TicketChange Expect(Common.Result<TicketChange> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Seeding step refused: {result.Error!.Code} {result.Error.Detail}");

    private static async Task<long> CountAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// The cursor that ends the page halfway down the admin's default list (newest first): the keyset the store encodes,
    /// signed as the API signs it for that list under its default filters and sort (a cursor is bound to them), because
    /// walking 20,000 pages over HTTP to reach it would measure nothing.
    /// </summary>
    private static async Task<(string Cursor, long Page)> MiddleCursorAsync(SqliteDatabase database, SignedCursors cursors, User admin)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT created_at, id, (SELECT COUNT(*) FROM tickets WHERE deleted = 0) FROM tickets WHERE deleted = 0
            ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM tickets WHERE deleted = 0)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var keyset = Cursor.Encode([Json.EnumName(TicketSort.CreatedAtDescending), reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetString(1)]);
        var list = $"tickets:{admin.Id}";
        var defaults = new TicketListParameters().Parse(admin, cursors, list, DateTimeOffset.UtcNow).Value;
        return (cursors.Sign(defaults.CursorList, keyset)!, reader.GetInt64(2) / 2 / PageRequest.DefaultLimit + 1);
    }

    /// <summary>One account per wrk connection for the login run (one account logging in 16 times at once would measure its own contention).</summary>
    private static async Task SeedLoginAccountsAsync(IServiceProvider services, IUserStore users)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        for (var n = 0; n < LoginAccounts; n++)
        {
            if (await users.FindByEmailAsync(LoginEmail(n)) is not null) continue;
            var created = await accounts.CreateAsync(new RegisterRequest
            {
                Email = LoginEmail(n), Password = DemoAccounts.User.Password, FirstNames = "Banco", LastNames = $"Pruebas {n}",
                Department = "Rendimiento", Dni = $"2{n:D7}", Phone = $"+34 600 100 {n:D3}",
            }, Role.User, CancellationToken.None);
            if (!created.IsSuccess) throw new InvalidOperationException($"Bench account refused: {created.Error!.Code} {created.Error.Detail}");
        }
    }

    /// <summary>A page and more of the admin's inbox, for the notifications list.</summary>
    private static async Task SeedNotificationsAsync(INotificationStore notifications, string adminId)
    {
        for (var i = 0; i < 60; i++)
        {
            await notifications.AddAsync(new Notification($"bench-{i}-{adminId}", adminId, NotificationType.TicketCreated, $"bench-ticket-{i}",
                $"TCK-{i + 1:D6}", $"Ticket de prueba {i}", "Nuevo ticket sin asignar.", DateTimeOffset.UtcNow.AddMinutes(-i), null));
        }
    }
}

/// <summary>What the store holds after seeding, and the deep-page cursor made for it.</summary>
public sealed record Seeded(long Count, string MiddleCursor, long MiddlePage);
