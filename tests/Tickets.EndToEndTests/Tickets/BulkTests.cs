using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Notifications;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// <c>POST /tickets/bulk</c> end to end: each ticket changes or refuses on its own rules, as its one-by-one route would,
/// with its own history and notifications; a bad request changes nothing.
/// </summary>
public sealed class BulkTests(NotificationWorld world) : IClassFixture<NotificationWorld>
{
    private static Task<HttpResponseMessage> BulkAsync(HttpClient client, object body) => client.PostAsJsonAsync("api/tickets/bulk", body);

    private static JsonElement[] Results(JsonElement body) => [.. body.GetProperty("results").EnumerateArray()];

    private async Task<JsonElement[]> NewTicketsAsync(Person requester, int count) =>
        await Task.WhenAll(Enumerable.Range(1, count).Select(i => requester.Client.CreateTicketAsync($"El portátil {i} no arranca")));

    [Fact]
    public async Task AdminAssignsThreeTicketsAtOnceEachWithItsOwnHistoryAndNotification()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var tickets = await NewTicketsAsync(requester, 3);

        var response = await BulkAsync(world.Admin, new { ids = tickets.Select(t => t.Id()), action = "assign", assigneeId = tech.Id });

        Assert.Equal(200, (int)response.StatusCode);
        var results = Results(await response.JsonAsync());
        Assert.Equal(tickets.Select(t => (t.Id(), 200)), results.Select(r => (r.Str("id"), r.GetProperty("status").GetInt32())));
        Assert.All(results, r => Assert.False(r.TryGetProperty("problem", out _)));
        foreach (var ticket in tickets)
        {
            Assert.Equal(tech.Id, (await world.Admin.GetTicketAsync(ticket.Id())).GetProperty("assignee").Str("id"));
            var history = await (await world.Admin.GetAsync($"api/tickets/{ticket.Id()}/history?limit=100")).JsonAsync();
            Assert.Single(history.GetProperty("items").EnumerateArray(), e => e.Str("type") == "assigned");
            await NotificationWorld.WaitForNotificationAsync(tech.Client, n => NotificationWorld.About(n, "ticket_assigned", ticket), $"told of {ticket.Str("number")}");
        }
    }

    [Fact]
    public async Task EachTicketAnswersAsItsOwnRouteWouldAndTheOthersStillChange()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var colleague = await world.NewPersonAsync("technician");
        var tickets = await NewTicketsAsync(requester, 3);
        var (working, notStarted, someoneElses) = (tickets[0].Id(), tickets[1].Id(), tickets[2].Id());
        (await world.Admin.AssignAsync(working, tech.Id)).EnsureSuccessStatusCode();
        (await world.Admin.AssignAsync(notStarted, tech.Id)).EnsureSuccessStatusCode();
        (await world.Admin.AssignAsync(someoneElses, colleague.Id)).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(working, "in_progress")).EnsureSuccessStatusCode();
        (await colleague.Client.SetStatusAsync(someoneElses, "in_progress")).EnsureSuccessStatusCode();
        var unknown = Guid.NewGuid().ToString("N");

        var response = await BulkAsync(tech.Client, new { ids = new[] { working, notStarted, someoneElses, unknown }, action = "status", status = "on_hold" });

        Assert.Equal(200, (int)response.StatusCode);
        var results = Results(await response.JsonAsync());
        Assert.Equal([(working, 200), (notStarted, 409), (someoneElses, 403), (unknown, 404)],
            results.Select(r => (r.Str("id"), r.GetProperty("status").GetInt32())));
        // Each refusal is the problem its own route answers: the 409 lists the moves allowed now.
        var single = await (await tech.Client.SetStatusAsync(notStarted, "on_hold")).ProblemAsync(409);
        var problem = results[1].GetProperty("problem");
        Assert.Equal((single.Str("code"), 409), (problem.Str("code"), problem.GetProperty("status").GetInt32()));
        Assert.Equal(single.GetProperty("allowed").GetRawText(), problem.GetProperty("allowed").GetRawText());
        Assert.Equal("forbidden", results[2].GetProperty("problem").Str("code"));
        Assert.Equal("not_found", results[3].GetProperty("problem").Str("code"));
        Assert.Equal(["on_hold", "open", "in_progress"],
            await Task.WhenAll(new[] { working, notStarted, someoneElses }.Select(async id => (await world.Admin.GetTicketAsync(id)).Str("status"))));
    }

    [Fact]
    public async Task PriorityAndTeamChangeEveryTicketNamed()
    {
        var requester = await world.NewPersonAsync("user");
        var tickets = await NewTicketsAsync(requester, 2);

        var prioritised = await BulkAsync(world.Admin, new { ids = tickets.Select(t => t.Str("number")), action = "priority", priority = "critical" });
        var moved = await BulkAsync(world.Admin, new { ids = tickets.Select(t => t.Id()), action = "team", teamId = (string?)null });

        Assert.All(Results(await prioritised.JsonAsync()), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.All(Results(await moved.JsonAsync()), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        foreach (var ticket in tickets)
            Assert.Equal("critical", (await world.Admin.GetTicketAsync(ticket.Id())).Str("priority"));
    }

    [Fact]
    public async Task TagsReplaceEachTicketsSetAsItsOwnRouteWould()
    {
        var requester = await world.NewPersonAsync("user");
        var tickets = await NewTicketsAsync(requester, 2);

        var response = await BulkAsync(world.Admin, new { ids = tickets.Select(t => t.Id()), action = "tags", tags = new[] { "VPN", "vpn", "Impresión" } });

        Assert.All(Results(await response.JsonAsync()), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        foreach (var ticket in tickets)
        {
            var after = await world.Admin.GetTicketAsync(ticket.Id());
            Assert.Equal(["vpn", "impresion"], after.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            var history = await (await world.Admin.GetAsync($"api/tickets/{ticket.Id()}/history?limit=100")).JsonAsync();
            Assert.Single(history.GetProperty("items").EnumerateArray(), e => e.Str("type") == "tags_changed");
        }
    }

    [Fact]
    public async Task MoreThanAHundredTicketsIsRefusedNamingIds()
    {
        var ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString("N"));

        var response = await BulkAsync(world.Admin, new { ids, action = "priority", priority = "low" });

        Assert.Equal(["ids"], (await response.ProblemAsync(400)).FieldErrors());
    }

    [Theory]
    [InlineData("""{ "action": "priority", "priority": "low" }""", "ids")]
    [InlineData("""{ "ids": [], "action": "priority", "priority": "low" }""", "ids")]
    [InlineData("""{ "ids": ["TICKET", "TICKET"], "action": "priority", "priority": "low" }""", "ids")]
    [InlineData("""{ "ids": ["TICKET"], "action": "explode" }""", "action")]
    [InlineData("""{ "ids": ["TICKET"], "action": "assign" }""", "assigneeId")]
    [InlineData("""{ "ids": ["TICKET"], "action": "team" }""", "teamId")]
    [InlineData("""{ "ids": ["TICKET"], "action": "status" }""", "status")]
    [InlineData("""{ "ids": ["TICKET"], "action": "priority", "priority": "urgentísima" }""", "priority")]
    [InlineData("""{ "ids": ["TICKET"], "action": "tags" }""", "tags")]
    [InlineData("""{ "ids": ["TICKET"], "action": "tags", "tags": ["a,b"] }""", "tags")]
    public async Task ABadRequestNamesTheFieldAndChangesNothing(string body, string field)
    {
        var requester = await world.NewPersonAsync("user");
        var ticket = await requester.Client.CreateTicketAsync("La impresora no imprime", priority: "medium");

        var response = await world.Admin.PostAsync("api/tickets/bulk",
            new StringContent(body.Replace("TICKET", ticket.Id(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([field], (await response.ProblemAsync(400)).FieldErrors());
        var after = await world.Admin.GetTicketAsync(ticket.Id());
        Assert.Equal(("medium", JsonValueKind.Null), (after.Str("priority"), after.GetProperty("assignee").ValueKind));
    }

    [Fact]
    public async Task RequesterCannotActInBulkEvenOnTheirOwnTickets()
    {
        var requester = await world.NewPersonAsync("user");
        var tickets = await NewTicketsAsync(requester, 2);

        var response = await BulkAsync(requester.Client, new { ids = tickets.Select(t => t.Id()), action = "status", status = "closed" });

        await response.ProblemAsync(403);
        Assert.All(tickets, t => Assert.Equal("open", t.Str("status")));
        Assert.Equal("open", (await requester.Client.GetTicketAsync(tickets[0].Id())).Str("status"));
    }
}
