using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>The notification world with a short coalescing window: changes of one ticket within 5 s are one e-mail per person.</summary>
public sealed class CoalescingNotificationWorld : NotificationWorld
{
    public const int Window = 5;

    protected override int CoalesceSeconds => Window;
}

/// <summary>Notification e-mail people read, through the real host, queues and SMTP: its parts, subject, sender, thread, coalescing.</summary>
public sealed class NotificationEmailTests(CoalescingNotificationWorld world) : IClassFixture<CoalescingNotificationWorld>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(CoalescingNotificationWorld.Window + 45);

    private static Func<JsonElement, bool> About(string type, JsonElement ticket) => n => NotificationWorld.About(n, type, ticket);

    private Task<ReceivedMail> MailToAsync(Person person, string number) =>
        world.Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Equals(person.Email, StringComparison.OrdinalIgnoreCase)) && m.Subject.Contains(number, StringComparison.Ordinal), MailWait);

    [Fact]
    public async Task AReplyEmailHasHtmlAndTextTheEventInItsSubjectAndTheTicketsThreadHeaders()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La VPN <se corta> cada hora");
        var number = ticket.Str("number");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await tech.Client.CommentAsync(ticket.Id(), "Actualiza el cliente & reinicia, por favor.")).EnsureSuccessStatusCode();
        var mail = await MailToAsync(requester, number);

        Assert.Equal($"Respuesta en [{number}] La VPN <se corta> cada hora", mail.Subject);
        Assert.Contains("> Actualiza el cliente & reinicia, por favor.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Actualiza el cliente &amp; reinicia, por favor.", mail.Html, StringComparison.Ordinal);
        Assert.Contains("La VPN &lt;se corta&gt; cada hora", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://tickets.example.org/tickets/{number}\"", mail.Html, StringComparison.Ordinal);
        Assert.Equal(["soporte@example.org"], mail.From);
        Assert.Contains("Soporte Ejemplo", mail.Headers["from"], StringComparison.Ordinal);
        Assert.Contains("soporte@example.org", mail.Headers["reply-to"], StringComparison.Ordinal);
        var root = $"<ticket-{ticket.Id()}@example.org>";
        Assert.Equal(root, mail.Headers["in-reply-to"]);
        Assert.Contains(root, mail.Headers["references"], StringComparison.Ordinal);
        Assert.EndsWith("@example.org>", mail.Headers["message-id"], StringComparison.Ordinal);
        Assert.NotEqual(root, mail.Headers["message-id"]);
    }

    [Fact]
    public async Task ThreeQuickChangesSendTheRequesterOneEmailWhileTheInboxKeepsThree()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El escáner no envía correos");
        var number = ticket.Str("number");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await tech.Client.SetStatusAsync(ticket.Id(), "in_progress")).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(ticket.Id(), "on_hold", "Esperando al proveedor")).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(ticket.Id(), "in_progress")).EnsureSuccessStatusCode();

        var told = await Eventually.Until(
            async () => (await NotificationWorld.InboxAsync(requester.Client)).GetProperty("items").EnumerateArray().Where(About("status_changed", ticket)).ToList(),
            found => found.Count == 3, "the requester's inbox holds the three changes", TimeSpan.FromSeconds(30));
        var mail = await MailToAsync(requester, number);

        Assert.Equal(3, told.Count);
        Assert.Equal($"Novedades en [{number}] El escáner no envía correos", mail.Subject);
        // The one e-mail tells all three, so nothing is left pending that could make a second one.
        Assert.Equal(3, mail.Text.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains(number, StringComparison.Ordinal)));
        Assert.Contains("> Esperando al proveedor", mail.Text, StringComparison.Ordinal);
        Assert.Single(await world.MailsAboutAsync(requester, number));
    }

    [Fact]
    public async Task TheResolvedEmailsConfirmLinkClosesTheTicketOnceAndThenSaysItWasUsed()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El proyector no enciende");
        var number = ticket.Str("number");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.PostAsJsonAsync($"api/tickets/{ticket.Id()}/comments", new { body = "Lámpara cambiada.", status = "resolved" })).EnsureSuccessStatusCode();

        // The links as the requester reads them: from the e-mail the host sent, not from the host's own services.
        var mail = await MailToAsync(requester, number);
        Assert.Equal($"Resuelto: [{number}] El proyector no enciende", mail.Subject);
        var confirm = LinkAfter(mail.Text, "Sí, está resuelto: ");
        var reopen = LinkAfter(mail.Text, "No, reabrir: ");
        Assert.StartsWith("https://tickets.example.org/resolucion?token=", confirm, StringComparison.Ordinal);
        Assert.Contains($"href=\"{confirm}\"", mail.Html, StringComparison.Ordinal);
        var anonymous = world.Host.Client();

        var first = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token = TokenOf(confirm) });
        var again = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token = TokenOf(confirm) });
        var twin = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token = TokenOf(reopen) });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answered = await first.JsonAsync();
        Assert.Equal((number, "closed"), (answered.Str("ticketNumber"), answered.Str("status")));
        var used = await again.ProblemAsync(409);
        Assert.Equal("link_already_used", used.Str("code"));
        Assert.Equal(["token"], used.FieldErrors());
        Assert.Equal("link_already_used", (await twin.ProblemAsync(409)).Str("code"));
        Assert.Equal("closed", (await requester.Client.GetTicketAsync(ticket.Id())).Str("status"));
    }

    /// <summary>The URL that follows <paramref name="label"/> on a line of the mail's text part.</summary>
    private static string LinkAfter(string text, string label)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label.Trim(), StringComparison.Ordinal));
        Assert.NotNull(line);
        return line[label.Trim().Length..].Trim();
    }

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [Fact]
    public async Task TheInboxSpeaksTheReadersCurrentLanguageAndMailDatesUseTheirZone()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La impresora atasca papel");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Voy para allá.")).EnsureSuccessStatusCode();
        var spanish = await NotificationWorld.WaitForNotificationAsync(requester.Client, About("ticket_commented", ticket), "told of the comment");
        Assert.Contains("ha comentado", spanish.Str("message"), StringComparison.Ordinal);

        (await requester.Client.PatchAsJsonAsync("api/me", new { language = "en", timeZone = "America/New_York" })).EnsureSuccessStatusCode();
        var english = (await NotificationWorld.InboxAsync(requester.Client)).GetProperty("items").EnumerateArray().Single(About("ticket_commented", ticket));

        Assert.Equal(spanish.Str("id"), english.Str("id"));
        Assert.Contains("commented on", english.Str("message"), StringComparison.Ordinal);
        var me = await (await requester.Client.GetAsync("api/me")).JsonAsync();
        Assert.Equal("America/New_York", me.GetProperty("user").Str("timeZone"));

        (await tech.Client.CommentAsync(ticket.Id(), "Ya está arreglada.")).EnsureSuccessStatusCode();
        var mail = await world.Host.Mail.WaitForMailAsync(
            m => m.To.Any(to => to.Equals(requester.Email, StringComparison.OrdinalIgnoreCase)) && m.Text.Contains("(America/New_York)", StringComparison.Ordinal), MailWait);
        Assert.Contains("Open the ticket", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Romance Standard Time")]
    [InlineData("")]
    public async Task AnUnknownTimeZoneIsA400NamingItAndChangesNothing(string zone)
    {
        var person = await world.NewPersonAsync("user");

        var response = await person.Client.PatchAsJsonAsync("api/me", new { timeZone = zone, language = "en" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("timeZone", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var me = await (await person.Client.GetAsync("api/me")).JsonAsync();
        Assert.Equal(("es", JsonValueKind.Null), (me.GetProperty("user").Str("language"), me.GetProperty("user").GetProperty("timeZone").ValueKind));
    }
}
