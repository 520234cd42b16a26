using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>Notifications end to end: the outbox, real Azurite queues, the Notify function, the inbox routes and real SMTP.</summary>
public sealed class NotificationTests(NotificationWorld world) : IClassFixture<NotificationWorld>
{
    private LocalHost Host => world.Host;

    private static Func<JsonElement, bool> About(string type, JsonElement ticket) => n => NotificationWorld.About(n, type, ticket);

    [Fact]
    public async Task AssignedTechnicianIsToldInTheInboxAndByEmailWithALinkToTheTicket()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El monitor parpadea");
        var number = ticket.Str("number");

        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        var notification = await NotificationWorld.WaitForNotificationAsync(tech.Client, About("ticket_assigned", ticket), "told of the assignment");
        Assert.Equal((number, "El monitor parpadea"), (notification.Str("ticketNumber"), notification.Str("title")));
        Assert.Contains(number, notification.Str("message"), StringComparison.Ordinal);
        var mail = await Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Contains(tech.Email, StringComparison.OrdinalIgnoreCase)) && m.Subject.Contains(number, StringComparison.Ordinal));
        Assert.Contains($"https://tickets.example.org/tickets/{number}", mail.Text, StringComparison.Ordinal);
    }

    private static string Forged(string eventId, string ticketId, string recipientId) => JsonSerializer.Serialize(new
    {
        eventId, type = "ticket_created", ticketId, recipientIds = new[] { recipientId },
        actor = new { id = "support", name = "Falso Remitente" }, occurredAt = DateTimeOffset.UtcNow,
        data = new { number = 999_999, title = "Verifique su cuenta en https://evil.example" },
    });

    [Fact]
    public async Task AMessageWithForgedWordsTellsTheTicketAsStored()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La pantalla se apaga");
        var number = ticket.Str("number");
        await Host.Queues.SendAsync("notifications", Forged(await CreatedEventAsync(requester.Client, ticket), ticket.Id(), tech.Id));

        var mail = await Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Contains(tech.Email, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal($"Nuevo ticket: [{number}] La pantalla se apaga", mail.Subject);
        Assert.DoesNotContain("evil.example", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("999999", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Falso Remitente", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageNamingNoTicketIsDroppedNotRetriedIntoPoison()
    {
        var tech = await world.NewPersonAsync("technician");
        var ticketId = "t-none-" + Guid.NewGuid().ToString("N");

        await Host.Queues.SendAsync("notifications", Forged("e-none-" + Guid.NewGuid().ToString("N"), ticketId, tech.Id));

        await Eventually.Until(() => Host.Queues.CountAsync("notifications"), n => n == 0, "notifications drained", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Host.Queues.PoisonCountAsync("notifications"));
        Assert.DoesNotContain((await NotificationWorld.InboxAsync(tech.Client)).GetProperty("items").EnumerateArray(), n => n.Str("ticketId") == ticketId);
    }

    [Fact]
    public async Task ABadRatingTellsTheAssigneeAndTheAdminsWithTheComment()
    {
        var admin = await world.NewPersonAsync("admin");
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La VPN se corta");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.SetStatusAsync(ticket.Id(), "resolved", "Perfil de VPN renovado.")).EnsureSuccessStatusCode();

        var resolvedMail = await Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Contains(requester.Email, StringComparison.OrdinalIgnoreCase))
            && m.Subject.StartsWith("Resuelto:", StringComparison.Ordinal) && m.Subject.Contains(ticket.Str("number"), StringComparison.Ordinal));
        Assert.Contains("https://tickets.example.org/satisfaccion?token=", resolvedMail.Text, StringComparison.Ordinal);
        (await requester.Client.PostAsJsonAsync($"api/tickets/{ticket.Id()}/satisfaction", new { rating = "bad", comment = "Se sigue cortando." })).EnsureSuccessStatusCode();

        var toTech = await NotificationWorld.WaitForNotificationAsync(tech.Client, About("satisfaction_bad", ticket), "the assignee told of the bad rating");
        await NotificationWorld.WaitForNotificationAsync(admin.Client, About("satisfaction_bad", ticket), "an admin told of the bad rating");
        Assert.Contains(ticket.Str("number"), toTech.Str("message"), StringComparison.Ordinal);
        var mail = await Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Contains(tech.Email, StringComparison.OrdinalIgnoreCase))
            && m.Subject.StartsWith("Valoración negativa:", StringComparison.Ordinal));
        Assert.Contains("Se sigue cortando.", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain((await NotificationWorld.InboxAsync(requester.Client)).GetProperty("items").EnumerateArray(), n => n.Str("type") == "satisfaction_bad");
    }

    [Fact]
    public async Task NewUnassignedTicketTellsTheAdminsButNotItsRequester()
    {
        var admin = await world.NewPersonAsync("admin");
        var requester = await world.NewPersonAsync("user");

        var ticket = await requester.Client.CreateTicketAsync("Sin acceso al ERP");

        await NotificationWorld.WaitForNotificationAsync(admin.Client, About("ticket_created", ticket), "an admin told of the new ticket");
        Assert.Empty((await NotificationWorld.InboxAsync(requester.Client)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task StaffCommentTellsTheRequesterAndTheRequestersReplyTellsTheAssignee()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("Outlook no sincroniza");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await tech.Client.CommentAsync(ticket.Id(), "¿Has probado a reiniciar Outlook?")).EnsureSuccessStatusCode();
        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("ticket_commented", ticket), "the requester told of the answer");

        (await requester.Client.CommentAsync(ticket.Id(), "Sí, sigue igual.")).EnsureSuccessStatusCode();
        var reply = await NotificationWorld.WaitForNotificationAsync(tech.Client,
            n => About("ticket_commented", ticket)(n) && n.Str("message").Contains("comentado", StringComparison.Ordinal), "the assignee told of the reply");
        Assert.Equal("ticket_commented", reply.Str("type"));
    }

    [Fact]
    public async Task WhoeverActsIsNotToldAboutTheirOwnChange()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("Ratón inalámbrico sin pilas");

        (await tech.Client.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Te llevo pilas.")).EnsureSuccessStatusCode();
        // The requester hearing of the later comment shows the take before it was processed too.
        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("ticket_commented", ticket), "the requester told of the comment");

        var techInbox = (await NotificationWorld.InboxAsync(tech.Client)).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(techInbox, n => n.Str("ticketId") == ticket.Id());
    }

    [Fact]
    public async Task InternalNotesNeverReachTheRequester()
    {
        const string Secret = "El usuario instaló un programa pirata";
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var colleague = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El antivirus salta al arrancar");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await colleague.Client.CommentAsync(ticket.Id(), Secret, isInternal: true)).EnsureSuccessStatusCode();
        (await colleague.Client.CommentAsync(ticket.Id(), "Lo estamos revisando.")).EnsureSuccessStatusCode();

        var note = await NotificationWorld.WaitForNotificationAsync(tech.Client,
            n => About("ticket_commented", ticket)(n) && n.Str("message").Contains("nota interna", StringComparison.Ordinal), "the assignee told of the note");
        await NotificationWorld.WaitForNotificationAsync(requester.Client, About("ticket_commented", ticket), "the requester told of the public comment");
        await Host.Mail.WaitForMailAsync(m => m.To.Any(to => to.Contains(tech.Email, StringComparison.OrdinalIgnoreCase)) && m.Text.Contains(Secret, StringComparison.Ordinal));

        var requesterInbox = (await NotificationWorld.InboxAsync(requester.Client)).GetProperty("items").EnumerateArray().ToList();
        Assert.Single(requesterInbox);
        Assert.DoesNotContain(Secret, requesterInbox[0].GetRawText(), StringComparison.Ordinal);
        var requesterMail = (await Host.Mail.MailsAsync()).Where(m => m.To.Any(to => to.Contains(requester.Email, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(requesterMail, m => m.Text.Contains(Secret, StringComparison.Ordinal) || m.Html.Contains(Secret, StringComparison.Ordinal));
        Assert.NotNull(note.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StatusChangesTellTheRequesterAndClosingTellsTheAssignee()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("Teclado con teclas pegadas");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        (await tech.Client.SetStatusAsync(ticket.Id(), "resolved", "Teclado sustituido.")).EnsureSuccessStatusCode();
        var resolved = await NotificationWorld.WaitForNotificationAsync(requester.Client, About("status_changed", ticket), "the requester told of the resolution");
        Assert.Contains("resuelto", resolved.Str("message"), StringComparison.Ordinal);

        (await requester.Client.SetStatusAsync(ticket.Id(), "closed")).EnsureSuccessStatusCode();
        var closed = await NotificationWorld.WaitForNotificationAsync(tech.Client, About("status_changed", ticket), "the assignee told of the closing");
        Assert.Contains("cerrado", closed.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingOneOrAllClearsTheUnreadCountAndAnotherPersonsNotificationIsNotFound()
    {
        var admin = await world.NewPersonAsync("admin");
        var stranger = await world.NewPersonAsync("user");
        var requester = await world.NewPersonAsync("user");
        var first = await requester.Client.CreateTicketAsync("Primera incidencia");
        var second = await requester.Client.CreateTicketAsync("Segunda incidencia");
        var one = await NotificationWorld.WaitForNotificationAsync(admin.Client, About("ticket_created", first), "told of the first");
        await NotificationWorld.WaitForNotificationAsync(admin.Client, About("ticket_created", second), "told of the second");
        var unreadBefore = (await NotificationWorld.InboxAsync(admin.Client)).GetProperty("unreadCount").GetInt32();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"api/notifications/{one.Str("id")}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"api/notifications/{one.Str("id")}/read", null)).StatusCode);
        var afterOne = await NotificationWorld.InboxAsync(admin.Client, unreadOnly: true);
        Assert.Equal(unreadBefore - 1, afterOne.GetProperty("unreadCount").GetInt32());
        Assert.DoesNotContain(afterOne.GetProperty("items").EnumerateArray(), n => n.Str("id") == one.Str("id"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync("api/notifications/read-all", null)).StatusCode);
        Assert.Equal(0, (await NotificationWorld.InboxAsync(admin.Client)).GetProperty("unreadCount").GetInt32());
        (await NotificationWorld.InboxAsync(admin.Client)).GetProperty("items").EnumerateArray()
            .ToList().ForEach(n => Assert.NotEqual(JsonValueKind.Null, n.GetProperty("readAt").ValueKind));
    }

    [Fact]
    public async Task WithTheQueueFrozenAChangeAnswersPromptlyAndTheNotificationArrivesOnceItThaws()
    {
        var requester = await world.NewPersonAsync("user");
        var tech = await world.NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("La webcam no funciona");

        await Host.FreezeQueuesAsync();
        HttpResponseMessage assigned;
        var clock = Stopwatch.StartNew();
        try
        {
            assigned = await world.Admin.AssignAsync(ticket.Id(), tech.Id);
            clock.Stop();
        }
        finally
        {
            // Kept frozen a little longer than a send may take, so the dispatcher gives up and the relay must deliver it.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Host.ThawQueues();
        }

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The assignment took {clock.Elapsed.TotalMilliseconds:F0} ms with the queue frozen.");
        await NotificationWorld.WaitForNotificationAsync(tech.Client, About("ticket_assigned", ticket), "told once the queue is back");
        var told = (await NotificationWorld.InboxAsync(tech.Client)).GetProperty("items").EnumerateArray().Count(About("ticket_assigned", ticket));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task TheSameMessageDeliveredTwiceMakesOneNotification()
    {
        var person = await world.NewPersonAsync("technician");
        var requester = await world.NewPersonAsync("user");
        var repeated = await requester.Client.CreateTicketAsync("Mensaje repetido");
        var marked = await requester.Client.CreateTicketAsync("Marcador");
        string Told(string eventId, JsonElement ticket) => JsonSerializer.Serialize(new
        {
            eventId, type = "ticket_created", ticketId = ticket.Id(), recipientIds = new[] { person.Id },
            actor = new { id = requester.Id, name = "Persona" }, occurredAt = DateTimeOffset.UtcNow,
            data = new { number = 1, title = ticket.Str("title") },
        });
        var message = Told(await CreatedEventAsync(requester.Client, repeated), repeated);
        var marker = Told(await CreatedEventAsync(requester.Client, marked), marked);

        await Host.Queues.SendAsync("notifications", message);
        await Host.Queues.SendAsync("notifications", message);
        await Host.Queues.SendAsync("notifications", marker);

        await NotificationWorld.WaitForNotificationAsync(person.Client, n => n.Str("ticketId") == marked.Id(), "the marker delivered");
        await Eventually.Until(() => Host.Queues.CountAsync("notifications"), count => count == 0, "the queue drained");
        var copies = (await NotificationWorld.InboxAsync(person.Client)).GetProperty("items").EnumerateArray().Count(n => n.Str("ticketId") == repeated.Id());
        Assert.Equal(1, copies);
    }

    private static async Task<string> CreatedEventAsync(HttpClient client, JsonElement ticket) =>
        (await (await client.GetAsync($"api/tickets/{ticket.Id()}/history")).JsonAsync())
            .GetProperty("items").EnumerateArray().Single(e => e.Str("type") == "created").Str("id");

    [Fact]
    public async Task AMessageThatAlwaysFailsEndsInThePoisonQueueAndHealthShowsIt()
    {
        var before = await Host.Queues.PoisonCountAsync("notifications");

        await Host.Queues.SendAsync("notifications", "this is not a notification");

        await Eventually.Until(() => Host.Queues.PoisonCountAsync("notifications"), count => count > before, "poisoned", TimeSpan.FromSeconds(30));
        var details = await (await world.Admin.GetAsync("api/health/details")).JsonAsync();
        var poison = details.GetProperty("queues").EnumerateArray().Single(q => q.Str("name") == "notifications-poison");
        Assert.True(poison.GetProperty("approximateMessages").GetInt32() > before);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await world.NewPersonAsync("user")).Client.GetAsync("api/health/details")).StatusCode);
    }
}
