using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Administration;

/// <summary>Helpers over the team and category routes.</summary>
public static class RoutingClient
{
    public static async Task<JsonElement> CreateTeamAsync(this HttpClient admin, string assignment, params string[] memberIds)
    {
        var response = await admin.PostAsJsonAsync("api/teams", new { name = $"Equipo {Guid.NewGuid():N}"[..20], assignment, memberIds });
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<string> CreateCategoryAsync(this HttpClient admin, string? teamId, string name = "Categoría de prueba")
    {
        var id = $"cat-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("api/categories", new { id, name, nameEn = "Test category", teamId });
        Assert.Equal(201, (int)response.StatusCode);
        return id;
    }

    public static async Task<JsonElement> HistoryEventAsync(this HttpClient client, string ticketId, string type) =>
        (await (await client.GetAsync($"api/tickets/{ticketId}/history")).JsonAsync()).GetProperty("items").EnumerateArray().Single(e => e.Str("type") == type);
}

/// <summary>Teams, categories and routing through the real host: intake routes to the team, the team's mode assigns.</summary>
public sealed class RoutingTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private LocalHost Host => world.Host;

    [Fact]
    public async Task ACategorysTicketsGoToItsTeamAndRoundRobinGivesEachMemberOneInTurn()
    {
        var first = await Host.NewPersonAsync(world.Admin, "technician");
        var second = await Host.NewPersonAsync(world.Admin, "technician");
        var team = await world.Admin.CreateTeamAsync("roundRobin", first.Id, second.Id);
        var category = await world.Admin.CreateCategoryAsync(team.Str("id"));

        var tickets = new List<JsonElement>();
        for (var i = 0; i < 4; i++) tickets.Add(await world.User.CreateTicketAsync($"Ticket en turno {i}", category: category));

        Assert.All(tickets, t => Assert.Equal((team.Str("id"), team.Str("name")), (t.GetProperty("team").Str("id"), t.GetProperty("team").Str("name"))));
        var assignees = tickets.Select(t => t.GetProperty("assignee").Str("id")).ToList();
        string[] members = [.. new[] { first.Id, second.Id }.Order()];
        Assert.Equal(members, assignees.Take(2).Order());
        Assert.Equal(members, assignees.Skip(2).Order());
        var assigned = await world.Admin.HistoryEventAsync(tickets[0].Id(), "assigned");
        Assert.Equal("round_robin", assigned.GetProperty("data").Str("reason"));
        Assert.Equal(team.Str("id"), (await world.Admin.HistoryEventAsync(tickets[0].Id(), "created")).GetProperty("data").GetProperty("team").Str("id"));
    }

    [Fact]
    public async Task TheDemoHelpDeskHasAFieldTeamThatHardwareAndNetworkTicketsGoTo()
    {
        var teams = (await (await world.Admin.GetAsync("api/teams")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var field = Assert.Single(teams, t => t.Str("name") == "Soporte de campo");
        Assert.Contains(world.TechnicianId, field.GetProperty("memberIds").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("manual", field.Str("assignment"));

        var ticket = await world.User.CreateTicketAsync("El ratón no funciona", category: "hardware");
        Assert.Equal(field.Str("id"), ticket.GetProperty("team").Str("id"));
        var audit = await world.Admin.GetAsync($"api/audit?targetType=team&targetId={field.Str("id")}");
        Assert.Equal("team.created", Assert.Single((await audit.JsonAsync()).GetProperty("items").EnumerateArray()).Str("action"));
    }

    [Fact]
    public async Task LeastLoadedGivesTheTicketToTheMemberWithTheFewestOpenTickets()
    {
        var busy = await Host.NewPersonAsync(world.Admin, "technician");
        var free = await Host.NewPersonAsync(world.Admin, "technician");
        var team = await world.Admin.CreateTeamAsync("leastLoaded", busy.Id, free.Id);
        var category = await world.Admin.CreateCategoryAsync(team.Str("id"));
        var held = await world.User.CreateTicketAsync("Ya asignado");
        Assert.Equal(200, (int)(await world.Admin.AssignAsync(held.Id(), busy.Id)).StatusCode);

        var first = await world.User.CreateTicketAsync("Para el menos cargado", category: category);
        var next = new[] { await world.User.CreateTicketAsync("Empate 1", category: category), await world.User.CreateTicketAsync("Empate 2", category: category) };

        Assert.Equal(free.Id, first.GetProperty("assignee").Str("id"));
        Assert.Equal("least_loaded", (await world.Admin.HistoryEventAsync(first.Id(), "assigned")).GetProperty("data").Str("reason"));
        // After the first, both hold one: the tie goes to one of them and the next to the other.
        Assert.Equal(new[] { busy.Id, free.Id }.Order(), next.Select(t => t.GetProperty("assignee").Str("id")).Order());
    }

    [Fact]
    public async Task AManualTeamOrNoTeamLeavesTheTicketUnassigned()
    {
        var member = await Host.NewPersonAsync(world.Admin, "technician");
        var manual = await world.Admin.CreateTeamAsync("manual", member.Id);
        var routed = await world.User.CreateTicketAsync("Equipo manual", category: await world.Admin.CreateCategoryAsync(manual.Str("id")));
        var unrouted = await world.User.CreateTicketAsync("Sin equipo", category: await world.Admin.CreateCategoryAsync(null));

        Assert.Equal((manual.Str("id"), JsonValueKind.Null), (routed.GetProperty("team").Str("id"), routed.GetProperty("assignee").ValueKind));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (unrouted.GetProperty("team").ValueKind, unrouted.GetProperty("assignee").ValueKind));
    }

    [Fact]
    public async Task ADeactivatedCategoryIsRefusedAtIntakeAndStaysOnOldTickets()
    {
        var category = await world.Admin.CreateCategoryAsync(null);
        var old = await world.User.CreateTicketAsync("Antes de desactivar", category: category);

        var deactivated = await world.Admin.PatchAsJsonAsync($"api/categories/{category}", new { active = false });
        var refused = await world.User.PostAsJsonAsync("api/tickets", new { title = "Después de desactivar", description = "Texto", category });
        var unknown = await world.User.PostAsJsonAsync("api/tickets", new { title = "Categoría inventada", description = "Texto", category = "no-existe" });

        Assert.Equal(200, (int)deactivated.StatusCode);
        Assert.Equal(["category"], (await refused.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["category"], (await unknown.ProblemAsync(400)).FieldErrors());
        Assert.Equal(category, (await world.User.GetTicketAsync(old.Id())).Str("category"));
        var edited = await world.Admin.PatchAsJsonAsync($"api/tickets/{old.Id()}", new { title = "Editado sin cambiar la categoría", category });
        Assert.Equal(200, (int)edited.StatusCode);
        Assert.DoesNotContain(category, await CategoryIdsAsync(world.User, ""));
        Assert.Contains(category, await CategoryIdsAsync(world.Admin, "?all=true"));
        await (await world.User.GetAsync("api/categories?all=true")).ProblemAsync(403);
    }

    [Fact]
    public async Task StaffMoveATicketToAnotherTeamWithItsHistoryAndTheQueueFollows()
    {
        var member = await Host.NewPersonAsync(world.Admin, "technician");
        var from = await world.Admin.CreateTeamAsync("manual");
        var to = await world.Admin.CreateTeamAsync("manual", member.Id);
        var ticket = await world.User.CreateTicketAsync("Va al equipo equivocado", category: await world.Admin.CreateCategoryAsync(from.Str("id")));

        var moved = await world.Technician.PutAsJsonAsync($"api/tickets/{ticket.Id()}/team", new { teamId = to.Str("id") });
        var byUser = await world.User.PutAsJsonAsync($"api/tickets/{ticket.Id()}/team", new { teamId = from.Str("id") });
        var recategorised = await world.Admin.PatchAsJsonAsync($"api/tickets/{ticket.Id()}", new { category = "hardware" });

        Assert.Equal(200, (int)moved.StatusCode);
        Assert.Equal(to.Str("id"), (await moved.JsonAsync()).GetProperty("team").Str("id"));
        await byUser.ProblemAsync(403);
        Assert.Equal(to.Str("id"), (await recategorised.JsonAsync()).GetProperty("team").Str("id")); // a category change does not move it
        var history = (await world.Admin.HistoryEventAsync(ticket.Id(), "team_changed")).GetProperty("data");
        Assert.Equal((from.Str("id"), to.Str("id")), (history.GetProperty("from").Str("id"), history.GetProperty("to").Str("id")));
        Assert.Equal([ticket.Id()], await TicketIdsAsync(world.Admin, $"teamId={to.Str("id")}"));
        Assert.Empty(await TicketIdsAsync(world.Admin, $"teamId={from.Str("id")}"));
        Assert.Equal([ticket.Id()], await TicketIdsAsync(member.Client, "teamId=mine"));
        Assert.Empty(await TicketIdsAsync(world.User, "teamId=mine"));
    }

    [Fact]
    public async Task ACursorOfOneTeamFilterDoesNotPageAnother()
    {
        var team = await world.Admin.CreateTeamAsync("manual", world.TechnicianId);
        var category = await world.Admin.CreateCategoryAsync(team.Str("id"));
        for (var i = 0; i < 3; i++) await world.User.CreateTicketAsync($"Para paginar {i}", category: category);

        var mine = await (await world.Technician.GetAsync("api/tickets?teamId=mine&limit=2")).JsonAsync();
        var cursor = Uri.EscapeDataString(mine.Str("nextCursor"));
        var same = await world.Technician.GetAsync($"api/tickets?teamId=MINE&limit=2&cursor={cursor}");
        var other = await world.Technician.GetAsync($"api/tickets?teamId={team.Str("id")}&limit=2&cursor={cursor}");
        var malformed = await world.Technician.GetAsync("api/tickets?teamId=no%2Fvale");

        Assert.Equal(200, (int)same.StatusCode);
        Assert.Equal(["cursor"], (await other.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["teamId"], (await malformed.ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task MembersMustBeActiveStaffAndAStaleIfMatchChangesNothing()
    {
        var notStaff = await world.Admin.PostAsJsonAsync("api/teams", new { name = "Con un usuario", memberIds = new[] { world.UserId } });
        var team = await world.Admin.CreateTeamAsync("manual");
        var renamed = await world.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/teams/{team.Str("id")}")
        {
            Content = JsonContent.Create(new { name = "Renombrado" }),
            Headers = { { "If-Match", $"\"{team.Str("etag")}\"" } },
        });
        var stale = await world.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/teams/{team.Str("id")}")
        {
            Content = JsonContent.Create(new { name = "Con la versión vieja" }),
            Headers = { { "If-Match", $"\"{team.Str("etag")}\"" } },
        });

        Assert.Equal(["memberIds"], (await notStaff.ProblemAsync(400)).FieldErrors());
        Assert.Equal(200, (int)renamed.StatusCode);
        await stale.ProblemAsync(412);
        Assert.Equal("Renombrado", (await (await world.Technician.GetAsync($"api/teams/{team.Str("id")}")).JsonAsync()).Str("name"));
    }

    [Fact]
    public async Task ATeamWithOpenTicketsOrRoutedCategoriesCannotBeDeleted()
    {
        var team = await world.Admin.CreateTeamAsync("manual");
        var category = await world.Admin.CreateCategoryAsync(team.Str("id"));
        var ticket = await world.User.CreateTicketAsync("Abierto en el equipo", category: category);

        var whileOpen = await world.Admin.DeleteAsync($"api/teams/{team.Str("id")}");
        Assert.Equal(200, (int)(await world.Admin.SetStatusAsync(ticket.Id(), "closed")).StatusCode);
        var whileRouted = await world.Admin.DeleteAsync($"api/teams/{team.Str("id")}");
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/categories/{category}", new { teamId = "" })).StatusCode);
        var deleted = await world.Admin.DeleteAsync($"api/teams/{team.Str("id")}");

        Assert.Equal("team_has_open_tickets", (await whileOpen.ProblemAsync(409)).Str("code"));
        Assert.Equal("team_in_use", (await whileRouted.ProblemAsync(409)).Str("code"));
        Assert.Equal(204, (int)deleted.StatusCode);
        await (await world.Admin.GetAsync($"api/teams/{team.Str("id")}")).ProblemAsync(404);
    }

    [Fact]
    public async Task EveryTeamAndCategoryChangeIsAuditedWithItsActorBeforeAndAfter()
    {
        var adminId = await world.Admin.MyIdAsync();
        var team = await world.Admin.CreateTeamAsync("manual");
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/teams/{team.Str("id")}", new { assignment = "roundRobin" })).StatusCode);
        Assert.Equal(204, (int)(await world.Admin.DeleteAsync($"api/teams/{team.Str("id")}")).StatusCode);
        var category = await world.Admin.CreateCategoryAsync(null);
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/categories/{category}", new { name = "Renombrada" })).StatusCode);

        var teamEntries = await world.Admin.AuditOfAsync("team", team.Str("id"));
        var categoryEntries = await world.Admin.AuditOfAsync("category", category);

        Assert.Equal(["team.created", "team.changed", "team.deleted"], teamEntries.Select(e => e.Action));
        Assert.All(teamEntries.Concat(categoryEntries), e => Assert.Equal(adminId, e.ActorId));
        Assert.Equal(("manual", "roundRobin"), (teamEntries[1].Before!.Value.Str("assignment"), teamEntries[1].After!.Value.Str("assignment")));
        Assert.Equal((true, true), (teamEntries[0].Before is null, teamEntries[2].After is null));
        Assert.Equal(["category.created", "category.changed"], categoryEntries.Select(e => e.Action));
        Assert.Equal(("Categoría de prueba", "Renombrada"), (categoryEntries[1].Before!.Value.Str("name"), categoryEntries[1].After!.Value.Str("name")));
        Assert.All(categoryEntries, e => Assert.Equal("category", e.TargetType));
    }

    private static async Task<List<string>> CategoryIdsAsync(HttpClient client, string query) =>
        [.. (await (await client.GetAsync($"api/categories{query}")).JsonAsync()).GetProperty("items").EnumerateArray().Select(c => c.Str("id"))];

    private static async Task<List<string>> TicketIdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"api/tickets?{query}&limit=100");
        Assert.Equal(200, (int)response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.Id())];
    }
}
