using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// A requester's history holds what concerns them — the conversation, status changes with their notes, who handles
/// the ticket, edits — and none of the desk's internals; staff still see everything.
/// </summary>
public sealed class RequesterTimelineTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private static readonly string[] RequesterTypes = ["created", "updated", "status_changed", "assigned", "priority_changed", "commented"];

    [Fact]
    public async Task TheRequestersHistoryHasNoSlaTeamOrInternalEventsWhileStaffsHasThem()
    {
        var ticket = await TicketWithEverythingAsync();

        var mine = await HistoryAsync(world.User, ticket);
        var staff = await HistoryAsync(world.Admin, ticket);

        Assert.All(mine, e => Assert.Contains(e.Str("type"), RequesterTypes));
        Assert.DoesNotContain(mine, e => e.Str("type") == "commented" && e.GetProperty("data").GetProperty("internal").GetBoolean());
        Assert.All(mine.Where(e => e.Str("type") == "assigned"), e => Assert.False(e.GetProperty("data").TryGetProperty("reason", out _)));
        Assert.Contains(mine, e => e.Str("type") == "status_changed" && e.GetProperty("data").Str("note") == "Cambiado el cable de red.");
        Assert.Contains(mine, e => e.Str("type") == "assigned" && e.GetProperty("data").GetProperty("after").Str("id") == world.TechnicianId);

        string[] internals = ["sla_started", "sla_met", "team_changed"];
        Assert.All(internals, type => Assert.Contains(staff, e => e.Str("type") == type));
        Assert.Contains(staff, e => e.Str("type") == "commented" && e.GetProperty("data").GetProperty("internal").GetBoolean());
        Assert.Contains(staff, e => e.Str("type") == "assigned" && e.GetProperty("data").Str("reason") == "manual");
    }

    [Fact]
    public async Task TheRequestersHistoryPagesThroughTheirEventsOnce()
    {
        var ticket = await TicketWithEverythingAsync();
        var whole = await HistoryAsync(world.User, ticket);

        var paged = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await world.User.GetAsync($"api/tickets/{ticket}/history?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).JsonAsync();
            paged.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        }
        while (cursor is not null);

        Assert.Equal(whole.Select(e => e.Str("id")), paged.Select(e => e.Str("id")));
    }

    /// <summary>A ticket of the user that went through a manual assignment, a team move, an internal note, a priority change and a send-and-resolve.</summary>
    private async Task<string> TicketWithEverythingAsync()
    {
        var ticket = (await world.User.CreateTicketAsync("Sin red en la sala 2", "El cable no da enlace.")).Id();
        Assert.Equal(200, (int)(await world.Admin.AssignAsync(ticket, world.TechnicianId)).StatusCode);
        var team = await world.Admin.PostAsJsonAsync("api/teams", new { name = $"Redes {Guid.NewGuid():N}"[..20], memberIds = new[] { world.TechnicianId } });
        Assert.Equal(201, (int)team.StatusCode);
        Assert.Equal(200, (int)(await world.Technician.PutAsJsonAsync($"api/tickets/{ticket}/team", new { teamId = (await team.JsonAsync()).Str("id") })).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentAsync(ticket, "Revisar el switch de la planta.", isInternal: true)).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.PatchAsJsonAsync($"api/tickets/{ticket}", new { priority = "high" })).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "in_progress")).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Cambiado el cable de red.", status = "resolved" })).StatusCode);
        return ticket;
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()];
}
