using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>
/// Mentions end to end: staff name people who can read the comment (colleagues; in a public comment the requester too),
/// the comment shows them, they are told once as <c>mentioned</c>; every refusal is a 400 naming <c>mentions</c> that stores
/// nothing. And the completion behind <c>@name</c>: <c>GET /staff?q=</c>.
/// </summary>
public sealed class MentionTests(NotificationWorld world) : IClassFixture<NotificationWorld>
{
    private LocalHost Host => world.Host;

    private static Task<HttpResponseMessage> MentionAsync(HttpClient client, string ticket, bool isInternal, params string[] mentions) =>
        client.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Échale un vistazo, por favor.", @internal = isInternal, mentions });

    private static async Task<int> CommentCountAsync(HttpClient staff, string ticket) =>
        (await (await staff.GetAsync($"api/tickets/{ticket}/comments?limit=100")).JsonAsync()).GetProperty("items").GetArrayLength();

    private static Func<JsonElement, bool> About(string type, JsonElement ticket) => n => NotificationWorld.About(n, type, ticket);

    private async Task<List<JsonElement>> DrainedInboxAboutAsync(Person person, JsonElement ticket)
    {
        await Eventually.Until(() => Host.Queues.CountAsync("notifications"), n => n == 0, "notifications drained", TimeSpan.FromSeconds(30));
        return [.. (await NotificationWorld.InboxAsync(person.Client)).GetProperty("items").EnumerateArray().Where(n => n.Str("ticketId") == ticket.Id())];
    }

    [Fact]
    public async Task AColleagueMentionedInANoteIsToldAsAMentionAndTheCommentShowsWhoWasMentioned()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var colleague = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El proyector no enciende");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        var posted = await MentionAsync(tech.Client, ticket.Id(), true, colleague.Id, colleague.Id);

        Assert.Equal(201, (int)posted.StatusCode);
        var mention = Assert.Single((await posted.JsonAsync()).GetProperty("mentions").EnumerateArray());
        Assert.Equal((colleague.Id, "Persona technician"), (mention.Str("id"), mention.Str("name")));
        var told = await NotificationWorld.WaitForNotificationAsync(colleague.Client, About("mentioned", ticket), "the colleague told of the mention");
        Assert.Contains("te ha mencionado en una nota interna", told.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAPublicCommentTheRequesterAndTheAssigneeMentionedAreEachToldOnceAsAMention()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var colleague = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La VPN se corta");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await MentionAsync(colleague.Client, ticket.Id(), false, requester.Id, tech.Id)).EnsureSuccessStatusCode();

        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("mentioned", ticket), "the requester told of the mention");
        await NotificationWorld.WaitForNotificationAsync(tech.Client, About("mentioned", ticket), "the assignee told of the mention");
        Assert.Equal(["mentioned"], (await DrainedInboxAboutAsync(requester, ticket)).Select(n => n.Str("type")));
        Assert.DoesNotContain(await DrainedInboxAboutAsync(tech, ticket), n => n.Str("type") == "ticket_commented");
    }

    [Fact]
    public async Task WithSendAndResolveTheRequesterHearsOfTheMoveAndAMentionedColleagueOfTheMention()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var colleague = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El monitor no da imagen");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        var sent = await tech.Client.PostAsJsonAsync($"api/tickets/{ticket.Id()}/comments",
            new { body = "Cambiado el cable HDMI; @Persona technician, apúntalo.", status = "resolved", mentions = new[] { requester.Id, colleague.Id } });

        Assert.Equal(201, (int)sent.StatusCode);
        var mention = await NotificationWorld.WaitForNotificationAsync(colleague.Client, About("mentioned", ticket), "the colleague told of the mention");
        Assert.Contains("te ha mencionado en un comentario", mention.Str("message"), StringComparison.Ordinal);
        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("status_changed", ticket), "the requester told of the resolution");
        Assert.Equal(["status_changed"], (await DrainedInboxAboutAsync(requester, ticket)).Select(n => n.Str("type")));
    }

    [Fact]
    public async Task TheRequesterMentionedInAnInternalNoteIsA400NamingMentionsAndNothingIsStored()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El escáner no guarda");

        var problem = await (await MentionAsync(tech.Client, ticket.Id(), true, requester.Id)).ProblemAsync(400);

        Assert.Equal(["mentions"], problem.FieldErrors());
        Assert.Equal(0, await CommentCountAsync(tech.Client, ticket.Id()));
    }

    [Fact]
    public async Task SomeoneWhoCannotSeeTheTicketIsA400NamingMentions()
    {
        var requester = await world.NewPersonAsync("user");
        var stranger = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La pantalla parpadea");

        var problem = await (await MentionAsync(tech.Client, ticket.Id(), false, stranger.Id)).ProblemAsync(400);

        Assert.Equal(["mentions"], problem.FieldErrors());
        Assert.Equal(0, await CommentCountAsync(tech.Client, ticket.Id()));
    }

    [Fact]
    public async Task ARequesterWhoMentionsAnyoneIsA400NamingMentions()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("No llega el correo");

        var problem = await (await MentionAsync(requester.Client, ticket.Id(), false, tech.Id)).ProblemAsync(400);

        Assert.Equal(["mentions"], problem.FieldErrors());
        Assert.Equal(0, await CommentCountAsync(tech.Client, ticket.Id()));
    }

    [Fact]
    public async Task AnUnknownInactiveOrMalformedIdOrMoreThanTwentyIsA400NamingMentions()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var gone = await world.NewPersonAsync("technician");
        (await world.Admin.PatchAsJsonAsync($"api/users/{gone.Id}", new { active = false })).EnsureSuccessStatusCode();
        var ticket = await requester.Client.CreateTicketAsync("La silla está rota");

        foreach (var mentions in new[] { [Guid.NewGuid().ToString("N")], [gone.Id], ["no/vale"], Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString("N")).ToArray() })
            Assert.Equal(["mentions"], (await (await MentionAsync(tech.Client, ticket.Id(), false, mentions)).ProblemAsync(400)).FieldErrors());
        Assert.Equal(0, await CommentCountAsync(tech.Client, ticket.Id()));
    }

    [Fact]
    public async Task StaffCompletionFindsActiveStaffByTheStartOfTheirNamesIgnoringAccents()
    {
        // A first name no other account starts with: a prefix of letters only, with an accent to fold.
        var stem = "Zé" + new string([.. Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + c % 16))]);
        var tech = await NewAccountAsync(stem + "lia", "Martín", "technician");
        var admin = await NewAccountAsync(stem + "nón", "Ruiz", "admin");
        var user = await NewAccountAsync(stem + "ta", "Gil", "user");
        var gone = await NewAccountAsync(stem + "no", "Paz", "technician");
        (await world.Admin.PatchAsJsonAsync($"api/users/{gone}", new { active = false })).EnsureSuccessStatusCode();

        var found = await (await world.Admin.GetAsync($"api/staff?q={Uri.EscapeDataString(stem.Replace("é", "E", StringComparison.Ordinal))}")).JsonAsync();
        var narrowed = await (await world.Admin.GetAsync($"api/staff?q={Uri.EscapeDataString(stem.ToLowerInvariant() + " ruiz")}")).JsonAsync();

        Assert.Equal(new[] { tech, admin }.Order(), found.GetProperty("items").EnumerateArray().Select(p => p.Str("id")).Order());
        Assert.Equal($"{stem}lia Martín", found.GetProperty("items").EnumerateArray().Single(p => p.Str("id") == tech).Str("name"));
        Assert.Equal([admin], narrowed.GetProperty("items").EnumerateArray().Select(p => p.Str("id")));
        Assert.DoesNotContain(user, found.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffQueryLongerThanANameIsA400NamingQ() =>
        Assert.Equal(["q"], (await (await world.Admin.GetAsync($"api/staff?q={new string('a', 101)}")).ProblemAsync(400)).FieldErrors());

    private async Task<string> NewAccountAsync(string firstNames, string lastNames, string role)
    {
        var created = await world.Admin.PostAsJsonAsync("api/users", new
        {
            dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phone = "+34 600 000 000", firstNames, lastNames, department = "Soporte", email = $"{role}-{Guid.NewGuid():N}@example.org",
            password = "Password123!", role,
        });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }
}
