using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Concurrent changes to one ticket through the local host: every acknowledged change is in the final ticket and in
/// its history, the history tells the same story as the ticket, and a write based on a stale ETag changes nothing.
/// </summary>
public sealed class RaceTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private const int Tickets = 12;

    private async Task<string> InProgressTicketAsync()
    {
        var id = (await world.User.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await world.Admin.AssignAsync(id, world.TechnicianId)).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(id, "in_progress")).StatusCode);
        return id;
    }

    private async Task<List<JsonElement>> HistoryAsync(string id)
    {
        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await world.Admin.GetAsync($"api/tickets/{id}/history?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).JsonAsync();
            events.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.Str("nextCursor");
        }
        while (cursor is not null);
        return events;
    }

    private static IEnumerable<JsonElement> OfType(List<JsonElement> history, string type) => history.Where(e => e.Str("type") == type);

    [Fact]
    public async Task ConcurrentReassignmentAndStatusChangeAreBothKept()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(_ => InProgressTicketAsync()));

        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            var assign = world.Admin.AssignAsync(id, world.OtherTechnicianId);
            var status = world.Admin.SetStatusAsync(id, "on_hold");
            return (Assign: (int)(await assign).StatusCode, Status: (int)(await status).StatusCode);
        }));

        Assert.All(outcomes, o => Assert.Equal((200, 200), o));
        foreach (var id in ids)
        {
            var ticket = await world.Admin.GetTicketAsync(id);
            var history = await HistoryAsync(id);
            Assert.Equal(world.OtherTechnicianId, ticket.GetProperty("assignee").Str("id"));
            Assert.Equal("on_hold", ticket.Str("status"));
            Assert.Equal(world.OtherTechnicianId, OfType(history, "assigned").Last().GetProperty("data").GetProperty("after").Str("id"));
            Assert.Equal("on_hold", OfType(history, "status_changed").Last().GetProperty("data").Str("to"));
        }
    }

    [Fact]
    public async Task TwoConcurrentStatusChangesLoseNoAcknowledgedOne()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(_ => InProgressTicketAsync()));

        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            var hold = world.Technician.SetStatusAsync(id, "on_hold");
            var resolve = world.Admin.SetStatusAsync(id, "resolved", "Resuelto en remoto.");
            return (Id: id, Hold: (int)(await hold).StatusCode, Resolve: (int)(await resolve).StatusCode);
        }));

        foreach (var (id, hold, resolve) in outcomes)
        {
            // Resolving is allowed from on hold, holding is not allowed once resolved: whichever came first, resolving is kept.
            Assert.Equal(200, resolve);
            Assert.Contains(hold, new[] { 200, 409 });
            var ticket = await world.Admin.GetTicketAsync(id);
            var moves = OfType(await HistoryAsync(id), "status_changed").Select(e => e.GetProperty("data").Str("to")).ToList();
            Assert.Equal("resolved", ticket.Str("status"));
            Assert.Equal(hold == 200 ? ["in_progress", "on_hold", "resolved"] : ["in_progress", "resolved"], moves);
        }
    }

    [Fact]
    public async Task OfConcurrentWritesWithTheSameIfMatchExactlyOneWinsAndTheOthersAre412()
    {
        var id = (await world.User.CreateTicketAsync()).Id();
        var etag = (await world.User.GetAsync($"api/tickets/{id}")).Headers.ETag!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"api/tickets/{id}") { Content = JsonContent.Create(new { title = $"Versión {i}" }) };
            request.Headers.IfMatch.Add(etag);
            return world.User.SendAsync(request);
        }));

        var winner = Assert.Single(responses, r => (int)r.StatusCode == 200);
        Assert.All(responses.Where(r => r != winner), r => Assert.Equal(412, (int)r.StatusCode));
        var title = (await winner.JsonAsync()).Str("title");
        Assert.Equal(title, (await world.User.GetTicketAsync(id)).Str("title"));
        Assert.Single(OfType(await HistoryAsync(id), "updated"));
    }

    [Fact]
    public async Task AStaleIfMatchOnAnyWriteIs412AndChangesNothing()
    {
        var id = await InProgressTicketAsync();
        var stale = (await world.Admin.GetAsync($"api/tickets/{id}")).Headers.ETag!;
        Assert.Equal(201, (int)(await world.User.CommentAsync(id, "Un cambio de otra persona.")).StatusCode);
        var before = await world.Admin.GetTicketAsync(id);

        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Patch, $"api/tickets/{id}") { Content = JsonContent.Create(new { priority = "critical" }) },
            new HttpRequestMessage(HttpMethod.Put, $"api/tickets/{id}/assignee") { Content = JsonContent.Create(new { assigneeId = world.OtherTechnicianId }) },
            new HttpRequestMessage(HttpMethod.Put, $"api/tickets/{id}/status") { Content = JsonContent.Create(new { status = "on_hold" }) },
            new HttpRequestMessage(HttpMethod.Delete, $"api/tickets/{id}"),
        })
        {
            request.Headers.IfMatch.Add(stale);
            await (await world.Admin.SendAsync(request)).ProblemAsync(412);
        }

        Assert.Equal(before.Str("etag"), (await world.Admin.GetTicketAsync(id)).Str("etag"));
    }
}
