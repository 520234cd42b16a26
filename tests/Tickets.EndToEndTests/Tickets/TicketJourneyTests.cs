using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Tickets;

public sealed class TicketJourneyTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task UserCreatesAdminAssignsTechnicianCommentsAndResolvesUserCloses()
    {
        // The user reports.
        var response = await world.User.PostAsJsonAsync("api/tickets", new
        {
            title = "No arranca el portátil", description = "Se queda en el logo del fabricante.", priority = "high", category = "hardware",
        });
        Assert.Equal(201, (int)response.StatusCode);
        var ticket = await response.JsonAsync();
        var id = ticket.Id();
        Assert.Equal($"/api/tickets/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{ticket.Str("etag")}\"", response.Headers.ETag?.Tag);
        Assert.Matches("^TCK-[0-9]{6}$", ticket.Str("number"));
        Assert.Equal("open", ticket.Str("status"));
        Assert.Equal(world.UserId, ticket.GetProperty("requester").Str("id"));

        // The admin assigns it to the technician.
        var assigned = await world.Admin.AssignAsync(id, world.TechnicianId);
        Assert.Equal(200, (int)assigned.StatusCode);
        Assert.Equal(world.TechnicianId, (await assigned.JsonAsync()).GetProperty("assignee").Str("id"));

        // The technician starts, answers the user, leaves an internal note and resolves.
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(id, "in_progress")).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentAsync(id, "¿Has probado a quitar la batería?")).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentAsync(id, "Posible fallo de placa.", isInternal: true)).StatusCode);
        var resolved = await world.Technician.SetStatusAsync(id, "resolved", "Reinstalada la BIOS.");
        Assert.Equal(200, (int)resolved.StatusCode);
        var afterResolve = await resolved.JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, afterResolve.GetProperty("firstResponseAt").ValueKind);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, afterResolve.GetProperty("resolvedAt").ValueKind);

        // The user sees only the public comment, and closes.
        var comments = await (await world.User.GetAsync($"api/tickets/{ticket.Str("number")}/comments")).JsonAsync();
        Assert.Equal(["¿Has probado a quitar la batería?"], comments.GetProperty("items").EnumerateArray().Select(c => c.Str("body")));
        var closed = await world.User.SetStatusAsync(id, "closed");
        Assert.Equal(200, (int)closed.StatusCode);
        Assert.Equal("closed", (await closed.JsonAsync()).Str("status"));

        // History tells the whole story, oldest first; the user's view is what concerns them: no internal note, no SLA events.
        var staffHistory = await (await world.Admin.GetAsync($"api/tickets/{id}/history?limit=100")).JsonAsync();
        var types = staffHistory.GetProperty("items").EnumerateArray().Select(e => e.Str("type")).ToList();
        Assert.Equal(
            ["created", "sla_started", "assigned", "status_changed", "sla_met", "commented", "commented", "status_changed", "sla_met", "status_changed"],
            types);
        var userHistory = await (await world.User.GetAsync($"api/tickets/{id}/history?limit=100")).JsonAsync();
        Assert.Equal(
            ["created", "assigned", "status_changed", "commented", "status_changed", "status_changed"],
            userHistory.GetProperty("items").EnumerateArray().Select(e => e.Str("type")));
    }

    [Fact]
    public async Task ResolvedTicketCanBeReopenedByTheRequester()
    {
        var ticket = await world.User.CreateTicketAsync();
        await world.Admin.AssignAsync(ticket.Id(), world.TechnicianId);
        await world.Technician.SetStatusAsync(ticket.Id(), "resolved", "Hecho.");

        var reopened = await world.User.SetStatusAsync(ticket.Id(), "in_progress");

        Assert.Equal(200, (int)reopened.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await reopened.JsonAsync()).GetProperty("resolvedAt").ValueKind);
    }

    [Fact]
    public async Task ForbiddenTransitionIsAConflictListingTheAllowedOnes()
    {
        var ticket = await world.User.CreateTicketAsync();

        var problem = await (await world.Admin.SetStatusAsync(ticket.Id(), "on_hold")).ProblemAsync(409);

        Assert.Equal(["closed", "in_progress", "resolved"],
            problem.GetProperty("allowed").EnumerateArray().Select(a => a.Str("status")).Order());
    }

    [Fact]
    public async Task TransitionsAnswerForTheCaller()
    {
        var ticket = await world.User.CreateTicketAsync();

        var forUser = await (await world.User.GetAsync($"api/tickets/{ticket.Id()}/transitions")).JsonAsync();

        Assert.Equal("open", forUser.Str("current"));
        var allowed = Assert.Single(forUser.GetProperty("allowed").EnumerateArray());
        Assert.Equal("closed", allowed.Str("status"));
        Assert.False(allowed.GetProperty("requiresNote").GetBoolean());
    }

    [Fact]
    public async Task DeletedTicketIsGoneForEveryone()
    {
        var ticket = await world.User.CreateTicketAsync();

        Assert.Equal(204, (int)(await world.User.DeleteAsync($"api/tickets/{ticket.Id()}")).StatusCode);

        await (await world.User.GetAsync($"api/tickets/{ticket.Id()}")).ProblemAsync(404);
        await (await world.Admin.GetAsync($"api/tickets/{ticket.Str("number")}")).ProblemAsync(404);
    }

    [Fact]
    public async Task StaleIfMatchIsRefusedAndChangesNothing()
    {
        var ticket = await world.User.CreateTicketAsync();
        var etag = ticket.Str("etag");
        Assert.Equal(201, (int)(await world.User.CommentAsync(ticket.Id(), "Añado un dato.")).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Patch, $"api/tickets/{ticket.Id()}") { Content = JsonContent.Create(new { title = "Cambio perdido" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{etag}\"");
        await (await world.User.SendAsync(request)).ProblemAsync(412);

        Assert.Equal("La impresora no imprime", (await world.User.GetTicketAsync(ticket.Id())).Str("title"));
    }

    [Fact]
    public async Task CurrentIfMatchIsAcceptedAndAnswersTheNewETag()
    {
        var ticket = await world.User.CreateTicketAsync();
        var read = await world.User.GetAsync($"api/tickets/{ticket.Id()}");

        var request = new HttpRequestMessage(HttpMethod.Patch, $"api/tickets/{ticket.Id()}") { Content = JsonContent.Create(new { title = "Título corregido" }) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await world.User.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual(read.Headers.ETag!.Tag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task ConcurrentWritesWithoutIfMatchLoseNothing()
    {
        var ticket = await world.User.CreateTicketAsync();

        var writes = Enumerable.Range(0, 12).Select(i => world.Technician.CommentAsync(ticket.Id(), $"Comentario {i}"));
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, r => Assert.Equal(201, (int)r.StatusCode));
        Assert.Equal(12, (await world.User.GetTicketAsync(ticket.Id())).GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task RequesterCommentResumesTicketOnHold()
    {
        var ticket = await world.User.CreateTicketAsync();
        await world.Technician.AssignAsync(ticket.Id(), world.TechnicianId);
        await world.Technician.SetStatusAsync(ticket.Id(), "in_progress");
        await world.Technician.SetStatusAsync(ticket.Id(), "on_hold");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await world.User.GetTicketAsync(ticket.Id())).GetProperty("sla").GetProperty("pausedAt").ValueKind);

        await world.User.CommentAsync(ticket.Id(), "Aquí tienes el dato.");

        var resumed = await world.User.GetTicketAsync(ticket.Id());
        Assert.Equal("in_progress", resumed.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resumed.GetProperty("sla").GetProperty("pausedAt").ValueKind);
    }

    [Fact]
    public async Task StatsCountTicketsForStaff()
    {
        await world.User.CreateTicketAsync(priority: "critical");

        var stats = await (await world.Technician.GetAsync("api/stats")).JsonAsync();

        Assert.True(stats.GetProperty("byPriority").GetProperty("critical").GetInt64() >= 1);
        Assert.True(stats.GetProperty("createdPerDay").GetArrayLength() >= 1);
        Assert.True(stats.GetProperty("openByAssignee").GetArrayLength() >= 1);
        await (await world.User.GetAsync("api/stats")).ProblemAsync(403);
    }
}
