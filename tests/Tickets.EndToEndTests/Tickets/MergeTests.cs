using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Staff merge a ticket into another: the source is closed as merged and points at the target; its requester and CCs
/// are copied in on the target, its public comments copied there; both histories say so; a half-done merge is completed
/// by asking again.
/// </summary>
public sealed class MergeTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, string ticket, string intoId) =>
        client.PostAsJsonAsync($"api/tickets/{ticket}/merge", new { intoId });

    private static async Task<JsonElement[]> CommentsAsync(HttpClient client, string ticket) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticket}/comments?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private async Task<JsonElement[]> HistoryAsync(string ticket) =>
        [.. (await (await world.Admin.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task TheSourceIsClosedAsMergedAndPointsAtTheTargetWithADuplicateLink()
    {
        var source = await world.User.CreateTicketAsync("Sin correo en el portátil");
        var target = await world.OtherUser.CreateTicketAsync("Caída del correo");

        var merged = await MergeAsync(world.Technician, source.Id(), target.Id());

        Assert.Equal(200, (int)merged.StatusCode);
        var view = await merged.JsonAsync();
        Assert.Equal("closed", view.Str("status"));
        Assert.Equal((target.Id(), target.Str("number")), (view.GetProperty("mergedInto").Str("ticketId"), view.GetProperty("mergedInto").Str("number")));
        var link = Assert.Single(view.GetProperty("links").EnumerateArray());
        Assert.Equal((target.Id(), "duplicate_of"), (link.Str("ticketId"), link.Str("type")));
        var mine = await world.User.GetTicketAsync(source.Id());
        Assert.Equal(target.Id(), mine.GetProperty("mergedInto").Str("ticketId"));
        var closing = (await HistoryAsync(source.Id())).Single(e => e.Str("type") == "status_changed").GetProperty("data");
        Assert.Equal(("closed", "merged"), (closing.Str("to"), closing.Str("reason")));
        Assert.Contains("merged_into", (await HistoryAsync(source.Id())).Select(e => e.Str("type")));
        Assert.Contains("merged_into", (await (await world.User.GetAsync($"api/tickets/{source.Id()}/history")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(e => e.Str("type")));
    }

    [Fact]
    public async Task TheTargetGetsTheSourcesRequesterAsACcItsPublicCommentsMarkedAndADuplicatedByLink()
    {
        var source = await world.User.CreateTicketAsync("La VPN se corta");
        Assert.Equal(201, (int)(await world.User.CommentAsync(source.Id(), "Se corta cada diez minutos.")).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentAsync(source.Id(), "Nota: mirar el concentrador.", isInternal: true)).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.CommentAsync(source.Id(), "¿Desde qué red te conectas?")).StatusCode);
        var originals = await CommentsAsync(world.Admin, source.Id());
        var target = await world.OtherUser.CreateTicketAsync("VPN inestable");

        Assert.Equal(200, (int)(await MergeAsync(world.Technician, source.Id(), target.Id())).StatusCode);

        var after = await world.Admin.GetTicketAsync(target.Id());
        var cc = Assert.Single(after.GetProperty("ccs").EnumerateArray());
        Assert.Equal(world.UserId, cc.Str("id"));
        var link = Assert.Single(after.GetProperty("links").EnumerateArray());
        Assert.Equal((source.Id(), "duplicated_by"), (link.Str("ticketId"), link.Str("type")));
        Assert.Equal(2, after.GetProperty("commentCount").GetInt32());
        var copies = await CommentsAsync(world.Admin, target.Id());
        Assert.Equal(["Se corta cada diez minutos.", "¿Desde qué red te conectas?"], copies.Select(c => c.Str("body")));
        Assert.All(copies, c => Assert.Equal((source.Id(), source.Str("number")), (c.GetProperty("mergedFrom").Str("ticketId"), c.GetProperty("mergedFrom").Str("number"))));
        var publicOriginals = originals.Where(c => !c.GetProperty("internal").GetBoolean()).ToArray();
        Assert.Equal(publicOriginals.Select(c => (c.GetProperty("author").Str("id"), c.Str("createdAt"))),
            copies.Select(c => (c.GetProperty("author").Str("id"), c.Str("createdAt"))));
        var record = (await HistoryAsync(target.Id())).Single(e => e.Str("type") == "merged_from").GetProperty("data");
        Assert.Equal((source.Id(), 2), (record.Str("ticketId"), record.GetProperty("comments").GetInt32()));

        // Now a CC of the target, the source's requester reads it and its copied comments, and comments on it.
        Assert.Equal(target.Id(), (await world.User.GetTicketAsync(target.Id())).Id());
        Assert.Equal(2, (await CommentsAsync(world.User, target.Id())).Length);
        Assert.Equal(201, (int)(await world.User.CommentAsync(target.Id(), "Sigue pasando desde casa.")).StatusCode);
    }

    [Fact]
    public async Task TheTargetsOwnRequesterIsNotCopiedIn()
    {
        var source = (await world.User.CreateTicketAsync()).Id();
        var target = (await world.User.CreateTicketAsync()).Id();

        Assert.Equal(200, (int)(await MergeAsync(world.Admin, source, target)).StatusCode);

        Assert.Empty((await world.Admin.GetTicketAsync(target)).GetProperty("ccs").EnumerateArray());
    }

    [Fact]
    public async Task MergingIntoItselfAnUnknownDeletedOrClosedTicketIsRefusedNamingIntoId()
    {
        var source = (await world.User.CreateTicketAsync()).Id();
        var deleted = (await world.Admin.CreateTicketAsync()).Id();
        Assert.Equal(204, (int)(await world.Admin.DeleteAsync($"api/tickets/{deleted}")).StatusCode);
        var closed = (await world.OtherUser.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await world.Admin.SetStatusAsync(closed, "closed", "Duplicado")).StatusCode);

        Assert.Equal(["intoId"], (await (await MergeAsync(world.Technician, source, source)).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["intoId"], (await (await MergeAsync(world.Technician, source, Guid.NewGuid().ToString("N"))).ProblemAsync(404)).FieldErrors());
        Assert.Equal(["intoId"], (await (await MergeAsync(world.Technician, source, deleted)).ProblemAsync(404)).FieldErrors());
        Assert.Equal(["intoId"], (await (await MergeAsync(world.Technician, source, closed)).ProblemAsync(409)).FieldErrors());
        Assert.Equal(["intoId"], (await (await world.Technician.PostAsJsonAsync($"api/tickets/{source}/merge", new { })).ProblemAsync(400)).FieldErrors());
        Assert.Equal("open", (await world.Admin.GetTicketAsync(source)).Str("status"));
    }

    [Fact]
    public async Task AClosedOrMergedSourceIsA409NamingIdAndRequestersMayNotMerge()
    {
        var closed = (await world.User.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await world.Admin.SetStatusAsync(closed, "closed", "Resuelto por teléfono")).StatusCode);
        var source = (await world.User.CreateTicketAsync()).Id();
        var target = (await world.User.CreateTicketAsync()).Id();

        Assert.Equal(["id"], (await (await MergeAsync(world.Technician, closed, target)).ProblemAsync(409)).FieldErrors());
        await (await MergeAsync(world.User, source, target)).ProblemAsync(403);
        Assert.Equal(200, (int)(await MergeAsync(world.Technician, source, target)).StatusCode);
        Assert.Equal(["id"], (await (await MergeAsync(world.Technician, source, target)).ProblemAsync(409)).FieldErrors());
        Assert.Single((await world.Admin.GetTicketAsync(target)).GetProperty("mergedFrom").EnumerateArray());
    }

    [Fact]
    public async Task AMergeThatStoppedAfterTheTargetIsCompletedByAskingAgainWithoutCopyingTwice()
    {
        var source = (await world.User.CreateTicketAsync("Pantalla parpadea")).Id();
        Assert.Equal(201, (int)(await world.User.CommentAsync(source, "Sobre todo por la tarde.")).StatusCode);
        var target = (await world.OtherUser.CreateTicketAsync("Monitores parpadean")).Id();
        // The first attempt wrote the target's side (as the service does first), then stopped before the source's.
        var store = world.Host.Services.GetRequiredService<ITicketStore>();
        var sourceTicket = (await store.FindAsync(source))!;
        var targetTicket = (await store.FindAsync(target))!;
        var comments = (await store.ListCommentsAsync(source, includeInternal: false, new Common.PageRequest(100, null, false))).Items;
        var admin = new Actor(world.TechnicianId, "Técnico", Role.Technician, "Soporte");
        var half = targetTicket.AbsorbMerge(admin, sourceTicket, comments, DateTimeOffset.UtcNow);
        Assert.NotNull(await store.SaveAsync(half.Value, targetTicket.ETag));
        Assert.Equal("open", (await world.Admin.GetTicketAsync(source)).Str("status"));

        var retried = await MergeAsync(world.Technician, source, target);

        Assert.Equal(200, (int)retried.StatusCode);
        Assert.Equal(target, (await retried.JsonAsync()).GetProperty("mergedInto").Str("ticketId"));
        Assert.Single(await CommentsAsync(world.Admin, target));
        Assert.Single(await HistoryAsync(target), e => e.Str("type") == "merged_from");
    }
}
