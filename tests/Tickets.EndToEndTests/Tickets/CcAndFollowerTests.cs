using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Attachments;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// CCs stand on the requester's side: they read the ticket's public side, comment as the requester would, and change
/// nothing else; followers are staff who hear of a ticket's updates. The people finder serves the CC picker.
/// </summary>
public sealed class CcAndFollowerTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private Task<Person> NewPersonAsync(string role = "user") => world.Host.NewPersonAsync(world.Admin, role);

    private static async Task<JsonElement> OpenWithCcsAsync(HttpClient requester, params string[] ccIds)
    {
        var created = await requester.PostAsJsonAsync("api/tickets", new { title = "Sin acceso a la carpeta compartida", description = "Desde ayer.", ccIds });
        Assert.Equal(201, (int)created.StatusCode);
        return await created.JsonAsync();
    }

    private static string[] Ids(JsonElement ticket, string list) => ticket.GetProperty(list).EnumerateArray().Select(p => p.Str("id")).ToArray();

    private static async Task<string[]> ListedAsync(HttpClient client, string query) =>
        (await (await client.GetAsync($"api/tickets?limit=100&{query}")).JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.Id()).ToArray();

    [Fact]
    public async Task ACcReadsTheTicketAndItsPublicCommentsButAnInternalNoteIsA404()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var ticket = await OpenWithCcsAsync(requester.Client, colleague.Id);
        var cc = Assert.Single(ticket.GetProperty("ccs").EnumerateArray());
        Assert.Equal((colleague.Id, "Persona user"), (cc.Str("id"), cc.Str("name")));
        var reply = await (await world.Technician.CommentAsync(ticket.Id(), "¿Desde qué equipo?")).JsonAsync();
        var note = await (await world.Technician.CommentAsync(ticket.Id(), "Revisar permisos del grupo.", isInternal: true)).JsonAsync();

        var seen = await colleague.Client.GetTicketAsync(ticket.Id());
        var comments = (await (await colleague.Client.GetAsync($"api/tickets/{ticket.Id()}/comments")).JsonAsync()).GetProperty("items").EnumerateArray().Select(c => c.Str("id"));

        Assert.Equal(ticket.Id(), seen.Id());
        Assert.False(seen.TryGetProperty("followers", out _));
        Assert.Equal([reply.Str("id")], comments);
        Assert.Equal(200, (int)(await colleague.Client.GetAsync($"api/tickets/{ticket.Id()}/comments/{reply.Str("id")}")).StatusCode);
        await (await colleague.Client.GetAsync($"api/tickets/{ticket.Id()}/comments/{note.Str("id")}")).ProblemAsync(404);
    }

    [Fact]
    public async Task ACcReadsThePublicFilesButAnInternalFileIsA404()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var id = (await OpenWithCcsAsync(requester.Client, colleague.Id)).Id();
        var shared = await world.Technician.UploadedAsync(AttachmentClient.Png, "captura.png");
        var kept = await world.Technician.UploadedAsync(AttachmentClient.Png, "interno.png");
        Assert.Equal(201, (int)(await world.Technician.CommentWithAsync(id, false, shared.Id())).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentWithAsync(id, true, kept.Id())).StatusCode);

        var listed = (await (await colleague.Client.GetAsync($"api/tickets/{id}/attachments")).JsonAsync()).GetProperty("items").EnumerateArray().Select(a => a.Str("id"));

        Assert.Equal([shared.Id()], listed);
        Assert.Equal(200, (int)(await colleague.Client.GetAsync($"api/attachments/{shared.Id()}/link")).StatusCode);
        await (await colleague.Client.GetAsync($"api/attachments/{kept.Id()}/link")).ProblemAsync(404);
    }

    [Fact]
    public async Task SomeoneNeitherRequesterNorCcStillGets404()
    {
        var requester = await NewPersonAsync();
        var ticket = await OpenWithCcsAsync(requester.Client, (await NewPersonAsync()).Id);

        await (await world.OtherUser.GetAsync($"api/tickets/{ticket.Id()}")).ProblemAsync(404);
        await (await world.OtherUser.CommentAsync(ticket.Id(), "Hola")).ProblemAsync(404);
    }

    [Fact]
    public async Task ACcCommentResumesATicketWaitingOnTheRequester()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var ticket = await OpenWithCcsAsync(requester.Client, colleague.Id);
        Assert.Equal(200, (int)(await world.Admin.AssignAsync(ticket.Id(), world.TechnicianId)).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket.Id(), "in_progress")).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket.Id(), "on_hold", "¿Qué carpeta es?")).StatusCode);

        Assert.Equal(201, (int)(await colleague.Client.CommentAsync(ticket.Id(), "La de Finanzas.")).StatusCode);

        Assert.Equal("in_progress", (await world.Technician.GetTicketAsync(ticket.Id())).Str("status"));
    }

    [Fact]
    public async Task ACcMayNotEditCloseDeleteChangeCcsOrWriteANote()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var id = (await OpenWithCcsAsync(requester.Client, colleague.Id)).Id();
        var c = colleague.Client;

        var actions = (await c.GetTicketAsync(id)).GetProperty("actions");
        Assert.False(actions.GetProperty("edit").GetBoolean() || actions.GetProperty("delete").GetBoolean() || actions.GetProperty("changeCcs").GetBoolean());
        Assert.Empty(actions.GetProperty("transitions").EnumerateArray());
        await (await c.PatchAsJsonAsync($"api/tickets/{id}", new { title = "Otro título" })).ProblemAsync(403);
        await (await c.SetStatusAsync(id, "closed")).ProblemAsync(403);
        await (await c.DeleteAsync($"api/tickets/{id}")).ProblemAsync(403);
        await (await c.PutAsJsonAsync($"api/tickets/{id}/ccs", new { ccIds = Array.Empty<string>() })).ProblemAsync(403);
        await (await c.CommentAsync(id, "Nota", isInternal: true)).ProblemAsync(403);
        await (await c.PutAsync($"api/tickets/{id}/followers/me", null)).ProblemAsync(403);
        Assert.Equal([colleague.Id], Ids(await requester.Client.GetTicketAsync(id), "ccs"));
    }

    [Fact]
    public async Task TheRequesterReplacesTheCcsAndTheHistorySaysWhoWasAddedAndRemoved()
    {
        var requester = await NewPersonAsync();
        var first = await NewPersonAsync();
        var second = await NewPersonAsync("technician");
        var id = (await OpenWithCcsAsync(requester.Client, first.Id)).Id();

        var replaced = await requester.Client.PutAsJsonAsync($"api/tickets/{id}/ccs", new { ccIds = new[] { second.Id, second.Id } });

        Assert.Equal(200, (int)replaced.StatusCode);
        Assert.Equal([second.Id], Ids(await replaced.JsonAsync(), "ccs"));
        await (await first.Client.GetAsync($"api/tickets/{id}")).ProblemAsync(404);
        var changes = (await (await requester.Client.GetAsync($"api/tickets/{id}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.Str("type") == "ccs_changed").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal([second.Id], Ids(changes[1], "added"));
        Assert.Equal([first.Id], Ids(changes[1], "removed"));
    }

    [Fact]
    public async Task BadCcIdsAreA400NamingCcIdsAndChangeNothing()
    {
        var requester = await NewPersonAsync();
        var gone = await NewPersonAsync();
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/users/{gone.Id}", new { active = false })).StatusCode);
        var id = (await OpenWithCcsAsync(requester.Client)).Id();
        object[] bodies =
        [
            new { ccIds = new[] { "no-such-account" } },
            new { ccIds = new[] { gone.Id } },
            new { ccIds = new[] { requester.Id } },
            new { ccIds = Enumerable.Range(0, 21).Select(i => $"cc{i}").ToArray() },
            new { },
        ];

        foreach (var body in bodies)
            Assert.Equal(["ccIds"], (await (await requester.Client.PutAsJsonAsync($"api/tickets/{id}/ccs", body)).ProblemAsync(400)).FieldErrors());
        var created = await requester.Client.PostAsJsonAsync("api/tickets", new { title = "Otro problema", description = "Igual.", ccIds = new[] { gone.Id } });
        Assert.Equal(["ccIds"], (await created.ProblemAsync(400)).FieldErrors());
        Assert.Empty((await requester.Client.GetTicketAsync(id)).GetProperty("ccs").EnumerateArray());
    }

    [Fact]
    public async Task AUsersListIsTheirRequestsAndCopiedToMeIsWhatTheyAreCopiedOn()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var copied = (await OpenWithCcsAsync(requester.Client, colleague.Id)).Id();
        var own = (await colleague.Client.CreateTicketAsync()).Id();

        Assert.Equal([own], await ListedAsync(colleague.Client, ""));
        Assert.Equal([copied], await ListedAsync(colleague.Client, "ccId=me"));
        Assert.Equal([copied], await ListedAsync(world.Admin, $"ccId={colleague.Id}"));
        Assert.Equal(["ccId"], (await (await colleague.Client.GetAsync($"api/tickets?ccId={requester.Id}")).ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task CopiedToMePagesByKeyset()
    {
        var requester = await NewPersonAsync();
        var colleague = await NewPersonAsync();
        var made = new List<string>();
        for (var i = 0; i < 3; i++) made.Add((await OpenWithCcsAsync(requester.Client, colleague.Id)).Id());

        var first = await (await colleague.Client.GetAsync("api/tickets?ccId=me&limit=2")).JsonAsync();
        var second = await (await colleague.Client.GetAsync($"api/tickets?ccId=me&limit=2&cursor={Uri.EscapeDataString(first.Str("nextCursor"))}")).JsonAsync();

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(t => t.Id()).ToList();
        Assert.Equal(made.Order(), listed.Order());
        Assert.False(second.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task StaffFollowAndUnfollowIdempotentlyAndListWhatTheyFollow()
    {
        var tech = await NewPersonAsync("technician");
        var id = (await world.User.CreateTicketAsync()).Id();

        var followed = await tech.Client.PutAsync($"api/tickets/{id}/followers/me", null);
        var again = await tech.Client.PutAsync($"api/tickets/{id}/followers/me", null);

        Assert.Equal([tech.Id], Ids(await followed.JsonAsync(), "followers"));
        Assert.Equal([tech.Id], Ids(await again.JsonAsync(), "followers"));
        Assert.Equal([id], await ListedAsync(tech.Client, "followerId=me"));
        Assert.False((await world.User.GetTicketAsync(id)).TryGetProperty("followers", out _));

        var unfollowed = await tech.Client.DeleteAsync($"api/tickets/{id}/followers/me");
        Assert.Empty((await unfollowed.JsonAsync()).GetProperty("followers").EnumerateArray());
        Assert.Equal(200, (int)(await tech.Client.DeleteAsync($"api/tickets/{id}/followers/me")).StatusCode);
        Assert.Empty(await ListedAsync(tech.Client, "followerId=me"));
    }

    [Fact]
    public async Task ARequesterMayNotFollowNorFilterByFollower()
    {
        var id = (await world.User.CreateTicketAsync()).Id();

        await (await world.User.PutAsync($"api/tickets/{id}/followers/me", null)).ProblemAsync(403);
        await (await world.OtherUser.PutAsync($"api/tickets/{id}/followers/me", null)).ProblemAsync(404);
        Assert.Equal(["followerId"], (await (await world.User.GetAsync("api/tickets?followerId=me")).ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task ThePeopleFinderAnswersOnlyAnActiveAccountWithExactlyThatEmail()
    {
        var colleague = await NewPersonAsync();
        var gone = await NewPersonAsync();
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/users/{gone.Id}", new { active = false })).StatusCode);

        var found = await (await world.User.GetAsync($"api/people/lookup?email={Uri.EscapeDataString(colleague.Email.ToUpperInvariant())}")).JsonAsync();

        Assert.Equal((colleague.Id, "Persona user"), (found.Str("id"), found.Str("name")));
        await (await world.User.GetAsync($"api/people/lookup?email={Uri.EscapeDataString(gone.Email)}")).ProblemAsync(404);
        await (await world.User.GetAsync($"api/people/lookup?email={Uri.EscapeDataString(colleague.Email[..^1])}")).ProblemAsync(404);
        Assert.Equal(["email"], (await (await world.User.GetAsync("api/people/lookup")).ProblemAsync(400)).FieldErrors());
    }
}
