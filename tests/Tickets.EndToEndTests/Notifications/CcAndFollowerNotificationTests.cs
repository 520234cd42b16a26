using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>
/// CCs hear what the requester hears (never an internal note), a CC's comment is told as the requester's, and followers
/// hear of comments, notes and status changes as <c>ticket_updated</c> — unless something else already told them, or they did it.
/// </summary>
public sealed class CcAndFollowerNotificationTests(NotificationWorld world) : IClassFixture<NotificationWorld>
{
    private static Func<JsonElement, bool> About(string type, JsonElement ticket) => n => NotificationWorld.About(n, type, ticket);

    private static async Task<JsonElement> OpenAsync(Person requester, params string[] ccIds)
    {
        var created = await requester.Client.PostAsJsonAsync("api/tickets", new { title = "La VPN se corta", description = "Cada diez minutos.", ccIds });
        Assert.Equal(201, (int)created.StatusCode);
        return await created.JsonAsync();
    }

    private static async Task<List<JsonElement>> AboutTicketAsync(Person person, JsonElement ticket) =>
        [.. (await NotificationWorld.InboxAsync(person.Client)).GetProperty("items").EnumerateArray().Where(n => n.Str("ticketId") == ticket.Id())];

    [Fact]
    public async Task ACcIsToldOfStaffRepliesAndStatusChangesButNeverOfAnInternalNote()
    {
        var requester = await world.NewPersonAsync("user");
        var colleague = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await OpenAsync(requester, colleague.Id);
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await tech.Client.CommentAsync(ticket.Id(), "Revisando permisos del grupo.", isInternal: true)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "¿Usas el cliente nuevo?")).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(ticket.Id(), "in_progress")).EnsureSuccessStatusCode();

        await NotificationWorld.WaitForNotificationAsync(colleague.Client, About("status_changed", ticket), "the CC told of the status change");
        var commented = await NotificationWorld.WaitForNotificationAsync(colleague.Client, About("ticket_commented", ticket), "the CC told of the reply");
        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("status_changed", ticket), "the requester told as ever");
        Assert.DoesNotContain("nota interna", commented.Str("message"), StringComparison.Ordinal);
        Assert.Equal(2, (await AboutTicketAsync(colleague, ticket)).Count);
    }

    [Fact]
    public async Task ACcsCommentTellsTheAssigneeTheRequesterAndTheOtherCcsButNotItsAuthor()
    {
        var requester = await world.NewPersonAsync("user");
        var colleague = await world.NewPersonAsync("user");
        var another = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await OpenAsync(requester, colleague.Id, another.Id);
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await colleague.Client.CommentAsync(ticket.Id(), "A mí también me pasa.")).EnsureSuccessStatusCode();

        foreach (var told in new[] { tech, requester, another })
            await NotificationWorld.WaitForNotificationAsync(told.Client, About("ticket_commented", ticket), "told of the CC's comment");
        Assert.Empty(await AboutTicketAsync(colleague, ticket));
    }

    [Fact]
    public async Task AFollowerIsToldOfCommentsNotesAndStatusChangesButNotOfTheirOwn()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var follower = await world.NewPersonAsync("technician");
        var ticket = await OpenAsync(requester);
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        Assert.Equal(200, (int)(await follower.Client.PutAsync($"api/tickets/{ticket.Id()}/followers/me", null)).StatusCode);

        (await requester.Client.CommentAsync(ticket.Id(), "Sigue igual.")).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Mirando los registros.", isInternal: true)).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(ticket.Id(), "in_progress")).EnsureSuccessStatusCode();
        (await follower.Client.CommentAsync(ticket.Id(), "Lo vi ayer también.", isInternal: true)).EnsureSuccessStatusCode();

        var updates = await Eventually.Until(
            async () => (await AboutTicketAsync(follower, ticket)).Where(n => n.Str("type") == "ticket_updated").ToList(),
            found => found.Count >= 3, "the follower told of the comment, the note and the move", TimeSpan.FromSeconds(30));
        Assert.Equal(1, updates.Count(n => n.Str("message").Contains("nota interna", StringComparison.Ordinal)));
        Assert.All(updates, n => Assert.Contains("que sigues", n.Str("message"), StringComparison.Ordinal));
        await NotificationWorld.WaitForNotificationAsync(tech.Client, About("ticket_commented", ticket), "the assignee told of the follower's note");
        Assert.Equal(3, (await AboutTicketAsync(follower, ticket)).Count);
    }

    [Fact]
    public async Task AFollowerWhoIsAlsoTheAssigneeIsToldOnceAsTheAssignee()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await OpenAsync(requester);
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        Assert.Equal(200, (int)(await tech.Client.PutAsync($"api/tickets/{ticket.Id()}/followers/me", null)).StatusCode);

        (await requester.Client.CommentAsync(ticket.Id(), "¿Alguna novedad?")).EnsureSuccessStatusCode();

        await NotificationWorld.WaitForNotificationAsync(tech.Client, About("ticket_commented", ticket), "the assignee told of the comment");
        var about = await AboutTicketAsync(tech, ticket);
        Assert.DoesNotContain(about, n => n.Str("type") == "ticket_updated");
        Assert.Equal(1, about.Count(n => n.Str("type") == "ticket_commented"));
    }
}
