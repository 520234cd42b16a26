using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Macros;

/// <summary>
/// Canned responses: personal ones are their owner's alone, shared ones every staff member reads and admins change; applied
/// to a ticket, a macro is one change (its reply with the placeholders filled in, its status and priority) under the
/// ticket's own rules.
/// </summary>
public sealed class MacroTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var created = await client.PostAsJsonAsync("api/macros", body);
        Assert.Equal(201, (int)created.StatusCode);
        return await created.JsonAsync();
    }

    private static async Task<List<string>> NamesAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("api/macros")).JsonAsync()).GetProperty("items").EnumerateArray().Select(m => m.Str("name"))];

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<List<JsonElement>> CommentsAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticket}/comments")).JsonAsync()).GetProperty("items").EnumerateArray()];

    /// <summary>A new ticket of <paramref name="requester"/>, assigned to the technician and started.</summary>
    private async Task<string> InProgressAsync(HttpClient requester, string title = "La VPN no conecta")
    {
        var ticket = (await requester.CreateTicketAsync(title)).Id();
        Assert.Equal(200, (int)(await world.Technician.AssignAsync(ticket, world.TechnicianId)).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "in_progress")).StatusCode);
        return ticket;
    }

    [Fact]
    public async Task APersonalMacroIsListedForItsOwnerOnlyAndASharedOneForAllStaff()
    {
        var personal = await CreateAsync(world.Technician, new { name = $"Mía {Guid.NewGuid():N}", body = "Hola {{requester.firstNames}}." });
        var shared = await CreateAsync(world.Admin, new { name = $"Compartida {Guid.NewGuid():N}", body = "Buenos días.", shared = true });

        var mine = await NamesAsync(world.Technician);
        var others = await NamesAsync(world.OtherTechnician);

        Assert.Contains(personal.Str("name"), mine);
        Assert.Contains(shared.Str("name"), mine);
        Assert.DoesNotContain(personal.Str("name"), others);
        Assert.Contains(shared.Str("name"), others);
        Assert.Equal(mine.Order(StringComparer.OrdinalIgnoreCase), mine);
        Assert.Equal(world.TechnicianId, personal.Str("ownerId"));
    }

    [Fact]
    public async Task AnotherStaffMembersPersonalMacroIs404AndASharedOneIsChangedByAdminsOnly()
    {
        var personal = await CreateAsync(world.Technician, new { name = "Privada", body = "Solo mía." });
        var shared = await CreateAsync(world.Admin, new { name = "Del equipo", body = "Para todos.", shared = true });

        Assert.Equal(404, (int)(await world.OtherTechnician.GetAsync($"api/macros/{personal.Str("id")}")).StatusCode);
        Assert.Equal(404, (int)(await world.OtherTechnician.PatchAsJsonAsync($"api/macros/{personal.Str("id")}", new { name = "Robada" })).StatusCode);
        Assert.Equal(404, (int)(await world.Admin.DeleteAsync($"api/macros/{personal.Str("id")}")).StatusCode);
        Assert.Equal(200, (int)(await world.OtherTechnician.GetAsync($"api/macros/{shared.Str("id")}")).StatusCode);
        await (await world.Technician.PatchAsJsonAsync($"api/macros/{shared.Str("id")}", new { name = "Mía ahora" })).ProblemAsync(403);
        await (await world.Technician.DeleteAsync($"api/macros/{shared.Str("id")}")).ProblemAsync(403);
        var renamed = await world.Technician.PatchAsJsonAsync($"api/macros/{personal.Str("id")}", new { name = "Privada, renombrada" });
        Assert.Equal("Privada, renombrada", (await renamed.JsonAsync()).Str("name"));
        Assert.Equal(204, (int)(await world.Admin.DeleteAsync($"api/macros/{shared.Str("id")}")).StatusCode);
        Assert.Equal(404, (int)(await world.Technician.GetAsync($"api/macros/{shared.Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsMakeSharedMacrosAndRequestersHaveNoMacros()
    {
        var byTechnician = await world.Technician.PostAsJsonAsync("api/macros", new { name = "Para todos", body = "Hola.", shared = true });
        var personal = await CreateAsync(world.Technician, new { name = "Personal", body = "Hola." });
        var madeShared = await world.Technician.PatchAsJsonAsync($"api/macros/{personal.Str("id")}", new { shared = true });

        await byTechnician.ProblemAsync(403);
        await madeShared.ProblemAsync(403);
        await (await world.User.GetAsync("api/macros")).ProblemAsync(403);
        await (await world.User.PostAsJsonAsync("api/macros", new { name = "Mía", body = "Hola." })).ProblemAsync(403);
    }

    [Fact]
    public async Task AnUnknownPlaceholderIs400NamingBodyThatListsTheAllowedOnes()
    {
        var refused = await world.Technician.PostAsJsonAsync("api/macros", new { name = "Mala", body = "Hola {{requester.email}}, {{ticket.number}}." });
        var badStatus = await world.Technician.PostAsJsonAsync("api/macros", new { name = "Mala", body = "Hola.", setStatus = "done", setPriority = "urgent" });

        var problem = await refused.ProblemAsync(400);
        Assert.Equal(["body"], problem.FieldErrors());
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString()!;
        Assert.Contains("{{requester.email}}", message, StringComparison.Ordinal);
        Assert.Contains("{{requester.firstNames}}", message, StringComparison.Ordinal);
        Assert.Contains("{{agent.firstNames}}", message, StringComparison.Ordinal);
        Assert.Equal(["setPriority", "setStatus"], (await badStatus.ProblemAsync(400)).FieldErrors().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAppliedMacroIsTheFilledInReplyTheRequesterReads()
    {
        var (requester, _, _) = await world.Host.NewUserAsync();
        var ticket = await InProgressAsync(requester, "Sin acceso al correo");
        var agent = (await (await world.Technician.GetAsync("api/me")).JsonAsync()).GetProperty("user").Str("firstNames");
        var macro = await CreateAsync(world.Technician, new
        {
            name = "Saludo",
            body = "Hola {{requester.firstNames}} {{ requester.lastNames }}: sobre {{ticket.number}} ({{ticket.title}}), te escribe {{agent.firstNames}}.",
        });
        var number = (await world.Technician.GetTicketAsync(ticket)).Str("number");
        var requesterName = (await (await requester.GetAsync("api/me")).JsonAsync()).GetProperty("user");

        var applied = await world.Technician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);

        Assert.Equal(200, (int)applied.StatusCode);
        Assert.Equal(ticket, (await applied.JsonAsync()).Id());
        var comment = Assert.Single(await CommentsAsync(requester, ticket));
        Assert.Equal($"Hola {requesterName.Str("firstNames")} {requesterName.Str("lastNames")}: sobre {number} (Sin acceso al correo), te escribe {agent}.",
            comment.Str("body"));
    }

    [Fact]
    public async Task AMacroWithStatusAndPriorityIsOneChangeWithEveryEventInItsHistory()
    {
        var ticket = await InProgressAsync(world.User);
        var before = await world.Technician.GetAsync($"api/tickets/{ticket}");
        var earlier = (await HistoryAsync(world.Technician, ticket)).Select(e => e.Str("id")).ToHashSet();
        var macro = await CreateAsync(world.Technician, new { name = "Resolver VPN", body = "Reinstala el cliente VPN.", setStatus = "resolved", setPriority = "high" });

        var applied = await world.Technician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);
        var after = await world.Technician.GetAsync($"api/tickets/{ticket}");

        var view = await applied.JsonAsync();
        Assert.Equal(200, (int)applied.StatusCode);
        Assert.Equal(after.Headers.ETag, applied.Headers.ETag);
        Assert.NotEqual(before.Headers.ETag, applied.Headers.ETag);
        Assert.Equal(("resolved", "high"), (view.Str("status"), view.Str("priority")));
        // One change: its events were written together, at one instant.
        var change = (await HistoryAsync(world.Technician, ticket)).Where(e => !earlier.Contains(e.Str("id"))).ToList();
        Assert.Single(change.Select(e => e.Str("at")).Distinct());
        Assert.Contains(change, e => e.Str("type") == "priority_changed" && e.GetProperty("data").Str("after") == "high");
        var resolved = Assert.Single(change, e => e.Str("type") == "status_changed");
        Assert.Equal("Reinstala el cliente VPN.", resolved.GetProperty("data").Str("note"));
        Assert.Equal(resolved.GetProperty("data").Str("commentId"), Assert.Single(await CommentsAsync(world.User, ticket)).Str("id"));
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyAppliesTheMacroOnce()
    {
        var ticket = await InProgressAsync(world.User);
        var macro = await CreateAsync(world.Technician, new { name = "Una vez", body = "Hola {{requester.firstNames}}." });
        var key = Guid.NewGuid().ToString("N");
        HttpRequestMessage Request() => new(HttpMethod.Post, $"api/tickets/{ticket}/macros/{macro.Str("id")}") { Headers = { { "Idempotency-Key", key } } };

        var first = await world.Technician.SendAsync(Request());
        var retry = await world.Technician.SendAsync(Request());

        Assert.Equal((200, 200), ((int)first.StatusCode, (int)retry.StatusCode));
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Single(await CommentsAsync(world.Technician, ticket));
    }

    [Fact]
    public async Task AnInternalMacrosNoteIsInvisibleToTheRequester()
    {
        var ticket = await InProgressAsync(world.User);
        var macro = await CreateAsync(world.Technician, new { name = "Nota", body = "Escalado a redes ({{ticket.number}}).", @internal = true, setStatus = "on_hold" });

        var applied = await world.Technician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);

        Assert.Equal("on_hold", (await applied.JsonAsync()).Str("status"));
        Assert.Single(await CommentsAsync(world.Technician, ticket), c => c.GetProperty("internal").GetBoolean());
        Assert.Empty(await CommentsAsync(world.User, ticket));
        Assert.DoesNotContain(await HistoryAsync(world.User, ticket), e => e.Str("type") == "commented");
    }

    [Fact]
    public async Task AnInternalMacroMovingToAStatusThatNeedsANoteIsRefusedAsTheCommentRouteRefusesIt()
    {
        var ticket = await InProgressAsync(world.User);
        var macro = await CreateAsync(world.Technician, new { name = "Resolver en privado", body = "Hecho.", @internal = true, setStatus = "resolved" });

        var refused = await world.Technician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);

        var problem = await refused.ProblemAsync(400);
        Assert.Equal("public_note_required", problem.GetProperty("errorCodes").GetProperty("status")[0].GetString());
        Assert.Empty(await CommentsAsync(world.Technician, ticket));
        Assert.Equal("in_progress", (await world.Technician.GetTicketAsync(ticket)).Str("status"));
    }

    [Fact]
    public async Task AMacroOnAClosedTicketIs409AndAnotherOnesPersonalMacroIs404()
    {
        var ticket = await InProgressAsync(world.User);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "resolved", "Hecho.")).StatusCode);
        Assert.Equal(200, (int)(await world.Admin.SetStatusAsync(ticket, "closed")).StatusCode);
        var macro = await CreateAsync(world.Technician, new { name = "Tarde", body = "Hola." });

        var closed = await world.Technician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);
        var notMine = await world.OtherTechnician.PostAsync($"api/tickets/{ticket}/macros/{macro.Str("id")}", null);

        Assert.Equal("ticket_closed", (await closed.ProblemAsync(409)).Str("code"));
        await notMine.ProblemAsync(404);
    }
}
