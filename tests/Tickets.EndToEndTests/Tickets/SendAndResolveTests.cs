using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// "Enviar y resolver": <c>POST /tickets/{id}/comments</c> with a status is one change — the reply, the move with the
/// reply as its note, one ETag, one notification to the requester — or, refused, nothing at all.
/// </summary>
public sealed class SendAndResolveTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task SendAndResolveGivesOneCommentTheResolvedStateAndOneRequesterNotification()
    {
        var (requester, _, _) = await world.Host.NewUserAsync();
        var ticket = await InProgressAsync(requester);
        await Eventually.Until(() => NotificationsAboutAsync(requester, ticket), n => n.Count == 1, "told the work started", TimeSpan.FromSeconds(60));

        var sent = await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Tóner sustituido; ya imprime.", status = "resolved" });
        var comment = await sent.JsonAsync();
        var read = await world.Technician.GetAsync($"api/tickets/{ticket}");
        var told = await Eventually.Until(() => NotificationsAboutAsync(requester, ticket), n => n.Count > 1, "told about the resolution",
            TimeSpan.FromSeconds(60));

        Assert.Equal(201, (int)sent.StatusCode);
        Assert.Equal(read.Headers.ETag, sent.Headers.ETag);
        Assert.Equal("resolved", (await read.JsonAsync()).Str("status"));
        var comments = (await (await requester.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items");
        Assert.Equal(comment.Str("id"), Assert.Single(comments.EnumerateArray()).Str("id"));
        var history = await HistoryAsync(requester, ticket);
        var resolved = Assert.Single(history, e => e.Str("type") == "status_changed" && e.GetProperty("data").Str("to") == "resolved");
        Assert.Equal(("Tóner sustituido; ya imprime.", comment.Str("id")), (resolved.GetProperty("data").Str("note"), resolved.GetProperty("data").Str("commentId")));
        Assert.DoesNotContain(history, e => e.Str("type") == "commented" && e.GetProperty("data").Str("commentId") == comment.Str("id"));
        // The start of work and the resolution: one notification for the reply and the move together, none for the comment alone.
        Assert.Equal(["status_changed", "status_changed"], told.Select(n => n.Str("type")));
    }

    [Fact]
    public async Task AForbiddenTransitionIs409NamingStatusAndChangesNothing()
    {
        var ticket = await InProgressAsync(world.User);
        var before = await world.Technician.GetAsync($"api/tickets/{ticket}");

        var refused = await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Lo cierro.", status = "closed" });
        var problem = await refused.ProblemAsync(409);
        var after = await world.Technician.GetAsync($"api/tickets/{ticket}");

        Assert.Equal(("transition_not_allowed", "in_progress"), (problem.Str("code"), problem.Str("current")));
        Assert.Equal(["status"], problem.FieldErrors());
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Empty((await (await world.Technician.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownStatusOrAnInternalResolutionIs400NamingStatusAndStoresNothing()
    {
        var ticket = await InProgressAsync(world.User);

        var unknown = await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Hecho.", status = "done" });
        var internalNote = await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Hecho.", @internal = true, status = "resolved" });

        Assert.Equal(["status"], (await unknown.ProblemAsync(400)).FieldErrors());
        var problem = await internalNote.ProblemAsync(400);
        Assert.Equal("public_note_required", problem.GetProperty("errorCodes").GetProperty("status")[0].GetString());
        Assert.Empty((await (await world.Technician.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("in_progress", (await world.Technician.GetTicketAsync(ticket)).Str("status"));
    }

    [Fact]
    public async Task AStaleIfMatchIs412AndStoresNothing()
    {
        var ticket = await InProgressAsync(world.User);
        var stale = (await world.Technician.GetAsync($"api/tickets/{ticket}")).Headers.ETag!;
        Assert.Equal(201, (int)(await world.User.CommentAsync(ticket, "¿Alguna novedad?")).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, $"api/tickets/{ticket}/comments")
        {
            Content = JsonContent.Create(new { body = "Resuelto.", status = "resolved" }),
        };
        request.Headers.IfMatch.Add(stale);
        var refused = await world.Technician.SendAsync(request);

        await refused.ProblemAsync(412);
        Assert.Equal("in_progress", (await world.Technician.GetTicketAsync(ticket)).Str("status"));
        Assert.Single((await (await world.Technician.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ARetryWithTheSameKeyMakesOneReplyAndOneMoveAndAnotherStatusIsAnotherBody()
    {
        var ticket = await InProgressAsync(world.User);
        var key = Guid.NewGuid().ToString("N");
        HttpRequestMessage Request(string status) => new(HttpMethod.Post, $"api/tickets/{ticket}/comments")
        {
            Content = JsonContent.Create(new { body = "Queda en espera del proveedor.", status }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await world.Technician.SendAsync(Request("on_hold"));
        var retry = await world.Technician.SendAsync(Request("on_hold"));
        var other = await world.Technician.SendAsync(Request("resolved"));

        Assert.Equal((201, 201, 422), ((int)first.StatusCode, (int)retry.StatusCode, (int)other.StatusCode));
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Single((await (await world.Technician.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Single(await HistoryAsync(world.Technician, ticket), e => e.Str("type") == "status_changed" && e.GetProperty("data").Str("to") == "on_hold");
    }

    /// <summary>A new ticket of <paramref name="requester"/>, taken by the technician and started.</summary>
    private async Task<string> InProgressAsync(HttpClient requester)
    {
        var ticket = (await requester.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await world.Technician.AssignAsync(ticket, world.TechnicianId)).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "in_progress")).StatusCode);
        return ticket;
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<List<JsonElement>> NotificationsAboutAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync("api/notifications?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray().Where(n => n.Str("ticketId") == ticket)];
}
