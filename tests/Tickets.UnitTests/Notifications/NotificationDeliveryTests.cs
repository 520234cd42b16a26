using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Common;
using Tickets.Email;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;
using Tickets.UnitTests.Fakes;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Notifications;

public sealed class NotificationDeliveryTests
{
    private readonly InMemoryNotificationStore _inbox = new();
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryIdempotencyStore _claims = new();
    private readonly Mock<IEmailSender> _email = new();
    private readonly Mock<ITicketStore> _tickets = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public NotificationDeliveryTests()
    {
        _users.CreateAsync(Person("tech", "tomas@example.org", "es")).Wait();
        _users.CreateAsync(Person("admin", "ana@example.org", "en")).Wait();
        // The store's truth: ticket-1 is TCK-000012 "La impresora no imprime", and event-1 its assignment.
        _tickets.Setup(t => t.FindAsync("ticket-1", It.IsAny<CancellationToken>())).ReturnsAsync(Build.NewTicket() with { Number = 12 });
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
            [new TicketEvent("event-1", "ticket-1", TicketEventType.Assigned, new EventActor("boss", "Ana Admin"), Build.Start, default)], NextCursor: null));
    }

    private static User Person(string id, string email, string language, bool active = true, bool emails = true) => new()
    {
        Id = id, Email = email, Dni = (10_000_000 + (uint)id.GetHashCode() % 90_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = "600000000", FirstNames = id, LastNames = "Apellido",
        Department = "Soporte", Role = Role.Technician, Active = active, PasswordHash = "x", CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch, Language = language, EmailNotifications = emails,
    };

    private readonly List<(string Queue, string Body, DateTimeOffset? VisibleAt)> _queued = [];

    /// <summary>Coalescing off unless asked: each notification's e-mail goes at once, as the tests of a single delivery expect.</summary>
    private NotificationDelivery Delivery(bool withEmail = true, int coalesceSeconds = 0, IResolutionLinks? links = null)
    {
        var queue = new Mock<IQueueSender>();
        queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, DateTimeOffset?, CancellationToken>((name, body, at, _) => _queued.Add((name, body, at)))
            .Returns(Task.CompletedTask);
        var options = Options.Create(new NotificationEmailOptions { CoalesceSeconds = coalesceSeconds });
        return new(_inbox, _tickets.Object, _users, Emails(withEmail, options, links), queue.Object, options, Options.Create(new UserOptions()),
            NullLogger<NotificationDelivery>.Instance, withEmail ? _email.Object : null);
    }

    private NotificationEmails Emails(bool withEmail = true, IOptions<NotificationEmailOptions>? options = null, IResolutionLinks? links = null) => new(
        _inbox, _tickets.Object, _users, new OnceOnlyEmail(_claims, _time), Build.Rules(),
        Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" }), Options.Create(new UserOptions()),
        options ?? Options.Create(new NotificationEmailOptions()), Options.Create(new MailOptions { SupportAddress = "soporte@example.org" }),
        Options.Create(new SmtpOptions()), _time, NullLogger<NotificationEmails>.Instance, withEmail ? _email.Object : null, links);

    private static string Message(params string[] recipients) => Message("ticket-1", "event-1", "La impresora no imprime", recipients);

    private static string Message(string ticketId, string eventId, string title, params string[] recipients) => JsonSerializer.Serialize(new NotificationMessage(
        eventId, NotificationType.TicketAssigned, ticketId, recipients, new EventActor("boss", "Ana Admin"),
        new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new NotificationData { Number = 12, Title = title }), Json.Options);

    [Fact]
    public async Task AMentionIsStoredOnlyForThePeopleItsCommentNamesInTheCommentsWords()
    {
        // event-2 is a note by Ana Admin that mentions "tech" (and not "admin"): a message naming both tells only tech.
        var note = new Comment("note-1", "ticket-1", new CommentAuthor("boss", "Ana Admin", Role.Admin), "Revisa el tóner, @tech.", true, Build.Start)
        {
            Mentions = [new TicketPerson("tech", "tech Apellido")],
        };
        _tickets.Setup(t => t.FindCommentAsync("ticket-1", "note-1", It.IsAny<CancellationToken>())).ReturnsAsync(note);
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
            [new TicketEvent("event-2", "ticket-1", TicketEventType.Commented, new EventActor("boss", "Ana Admin"), Build.Start,
                JsonSerializer.SerializeToElement(new global::Tickets.Tickets.History.CommentedData("note-1", true), Json.Options))], NextCursor: null));
        var forged = JsonSerializer.Serialize(new NotificationMessage("event-2", NotificationType.Mentioned, "ticket-1", ["tech", "admin"],
            new EventActor("boss", "Ana Admin"), Build.Start, new NotificationData { Number = 12, Title = "x", Excerpt = "forged" }), Json.Options);

        await Delivery(withEmail: false).DeliverAsync(forged, default);

        var told = Assert.Single(_inbox.All);
        Assert.Equal(("tech", NotificationType.Mentioned), (told.RecipientId, told.Type));
        Assert.Equal("Revisa el tóner, @tech.", told.Content!.Data.Excerpt);
        Assert.True(told.Content.Data.Internal);
    }

    [Fact]
    public async Task TheTitleToldIsTheStoredOneNotTheMessages()
    {
        EmailMessage? sent = null;
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);

        await Delivery().DeliverAsync(Message("ticket-1", "event-1", "Pay the invoice at evil.example", "admin"), default);

        Assert.Equal("Assigned: [TCK-000012] La impresora no imprime", sent!.Subject);
        Assert.Equal("La impresora no imprime", Assert.Single(_inbox.All).Title);
    }

    [Theory]
    [InlineData("ticket-1", "no-such-event")]
    [InlineData("no-such-ticket", "event-1")]
    public async Task AMessageNamingWhatDoesNotExistIsDroppedTellingNobody(string ticketId, string eventId)
    {
        await Delivery().DeliverAsync(Message(ticketId, eventId, "La impresora no imprime", "tech", "admin"), default);

        Assert.Empty(_inbox.All);
        _email.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EachRecipientGetsOneInAppNotificationInTheirLanguage()
    {
        await Delivery().DeliverAsync(Message("tech", "admin"), default);

        var byRecipient = _inbox.All.ToDictionary(n => n.RecipientId);
        Assert.Equal("Ana Admin te ha asignado TCK-000012.", byRecipient["tech"].Message);
        Assert.Equal("Ana Admin assigned TCK-000012 to you.", byRecipient["admin"].Message);
        Assert.All(byRecipient.Values, n => Assert.Equal(("TCK-000012", "ticket-1", (DateTimeOffset?)null), (n.TicketNumber, n.TicketId, n.ReadAt)));
    }

    [Fact]
    public async Task WithCoalescingOffTwoChangesToldAtOnceEachSendTheirOwnEmailAndNeitherFails()
    {
        // Two changes of one ticket for one person, delivered side by side: the first e-mail is still being sent when
        // the second delivery runs. The second sends its own e-mail and succeeds (it used to claim the first's e-mail,
        // find it being sent, and fail until its message went to the poison queue).
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
        [
            new TicketEvent("event-1", "ticket-1", TicketEventType.Assigned, new EventActor("boss", "Ana Admin"), Build.Start, default),
            new TicketEvent("event-2", "ticket-1", TicketEventType.Assigned, new EventActor("boss", "Ana Admin"), Build.Start, default),
        ], NextCursor: null));
        var firstSending = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var sent = new List<string>();
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns<EmailMessage, CancellationToken>(async (m, _) =>
            {
                lock (sent) sent.Add(m.MessageId!);
                if (m.MessageId!.Contains("event-1", StringComparison.Ordinal))
                {
                    firstSending.SetResult();
                    await releaseFirst.Task;
                }
            });

        var first = Delivery().DeliverAsync(Message("ticket-1", "event-1", "La impresora no imprime", "tech"), default);
        await firstSending.Task;
        await Delivery().DeliverAsync(Message("ticket-1", "event-2", "La impresora no imprime", "tech"), default);
        releaseFirst.SetResult();
        await first;

        Assert.Equal(2, sent.Count);
        Assert.All(_inbox.All, n => Assert.False(n.EmailPending));
    }

    [Fact]
    public async Task TheSameMessageDeliveredTwiceStoresAndEmailsOnce()
    {
        await Delivery().DeliverAsync(Message("tech"), default);
        await Delivery().DeliverAsync(Message("tech"), default);

        Assert.Single(_inbox.All);
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TwoCopiesDeliveredAtOnceSendOneEmailAndTheCopyThatFoundItInFlightIsRetried()
    {
        var sending = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                sending.TrySetResult();
                await release.Task;
            });

        var first = Delivery().DeliverAsync(Message("tech"), default);
        await sending.Task;
        // The second copy finds the notification stored but its e-mail claimed and not yet sent: it fails, to be retried.
        await Assert.ThrowsAsync<AggregateException>(() => Delivery().DeliverAsync(Message("tech"), default));
        release.SetResult();
        await first;
        await Delivery().DeliverAsync(Message("tech"), default);

        Assert.NotNull(Assert.Single(_inbox.All).EmailedAt);
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task EmailCarriesALinkToTheTicketInTheRecipientsLanguage()
    {
        EmailMessage? sent = null;
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);

        await Delivery().DeliverAsync(Message("admin"), default);

        Assert.Equal("ana@example.org", sent!.To);
        Assert.Equal("Assigned: [TCK-000012] La impresora no imprime", sent.Subject);
        Assert.Contains("Open the ticket: https://tickets.example.org/tickets/TCK-000012", sent.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"https://tickets.example.org/tickets/TCK-000012\"", sent.Html, StringComparison.Ordinal);
        Assert.Equal(("notification-event-1-admin@example.org", "ticket-ticket-1@example.org"), (sent.MessageId, sent.ThreadId));
    }

    [Fact]
    public async Task FailedEmailIsRetriedWithoutDuplicatingTheNotification()
    {
        _email.SetupSequence(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("SMTP down"))
            .Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<AggregateException>(() => Delivery().DeliverAsync(Message("tech"), default));
        Assert.Null(Assert.Single(_inbox.All).EmailedAt);

        await Delivery().DeliverAsync(Message("tech"), default);

        Assert.NotNull(Assert.Single(_inbox.All).EmailedAt);
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task OneRecipientsFailedEmailDoesNotHoldBackTheOthers()
    {
        _email.Setup(e => e.SendAsync(It.Is<EmailMessage>(m => m.To == "tomas@example.org"), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("mailbox full"));

        await Assert.ThrowsAsync<AggregateException>(() => Delivery().DeliverAsync(Message("tech", "admin"), default));

        Assert.Equal(2, _inbox.All.Count);
        Assert.NotNull(_inbox.All.Single(n => n.RecipientId == "admin").EmailedAt);
    }

    [Fact]
    public async Task NobodyIsEmailedWhoTurnedEmailOffOrWhenSmtpIsNotConfigured()
    {
        await _users.CreateAsync(Person("quiet", "quiet@example.org", "es", emails: false));

        await Delivery().DeliverAsync(Message("quiet"), default);
        await Delivery(withEmail: false).DeliverAsync(Message("tech"), default);

        Assert.Equal(2, _inbox.All.Count);
        _email.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeactivatedOrUnknownPeopleAreNotTold()
    {
        await _users.CreateAsync(Person("gone", "gone@example.org", "es", active: false));

        await Delivery().DeliverAsync(Message("gone", "nobody"), default);

        Assert.Empty(_inbox.All);
    }

    [Fact]
    public async Task AMessageThatIsNotJsonFailsSoTheQueueCanPoisonIt()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Delivery().DeliverAsync("not json", default));
    }

    private void ThreeEventsOfOneTicket()
    {
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
            [.. new[] { "event-1", "event-2", "event-3" }.Select((id, i) =>
                new TicketEvent(id, "ticket-1", TicketEventType.Assigned, new EventActor("boss", "Ana Admin"), Build.Start.AddSeconds(i), default))], NextCursor: null));
    }

    [Fact]
    public async Task WithCoalescingTheEmailWaitsOnTheQueueUntilTheWindowEnds()
    {
        ThreeEventsOfOneTicket();

        await Delivery(coalesceSeconds: 60).DeliverAsync(Message("ticket-1", "event-1", "x", "tech"), default);

        _email.VerifyNoOtherCalls();
        var (queue, body, visibleAt) = Assert.Single(_queued);
        Assert.Equal(QueueNames.NotificationEmails, queue);
        Assert.Equal(new NotificationEmailMessage("tech", "ticket-1"), JsonSerializer.Deserialize<NotificationEmailMessage>(body, Json.Options));
        Assert.Equal(Build.Start.AddSeconds(60), visibleAt);
        Assert.Equal(Build.Start.AddSeconds(60), Assert.Single(_inbox.All).EmailDueAt);
    }

    [Fact]
    public async Task ThreeChangesWithinTheWindowAreOneEmailAndThreeInboxNotifications()
    {
        ThreeEventsOfOneTicket();
        var sent = new List<EmailMessage>();
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent.Add(m));

        foreach (var id in new[] { "event-1", "event-2", "event-3" })
            await Delivery(coalesceSeconds: 60).DeliverAsync(Message("ticket-1", id, "x", "tech"), default);
        // Each delivery scheduled a send; the first to run sends all three, the others find nothing left.
        foreach (var (_, body, _) in _queued) await Emails().DeliverAsync(body, default);

        Assert.Equal(3, _inbox.All.Count);
        var mail = Assert.Single(sent);
        Assert.Equal("Novedades en [TCK-000012] La impresora no imprime", mail.Subject);
        Assert.Equal(3, mail.Body.Split('\n').Count(line => line.StartsWith("- Ana Admin te ha asignado TCK-000012.", StringComparison.Ordinal)));
        Assert.All(_inbox.All, n => Assert.NotNull(n.EmailedAt));
    }

    [Fact]
    public async Task AnEmailWhoseQueueMessageWasLostIsSentByTheSweepOnce()
    {
        ThreeEventsOfOneTicket();
        await Delivery(coalesceSeconds: 60).DeliverAsync(Message("ticket-1", "event-1", "x", "tech"), default);
        var emails = Emails();

        Assert.Equal(0, await emails.SweepAsync(default)); // not overdue yet: its own message may still come
        _time.SetUtcNow(Build.Start.AddMinutes(10));
        Assert.Equal(1, await emails.SweepAsync(default));
        Assert.Equal(0, await emails.SweepAsync(default));

        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnEmailNoLongerWantedIsSettledUnsentSoTheSweepStopsLooking()
    {
        ThreeEventsOfOneTicket();
        await Delivery(coalesceSeconds: 60).DeliverAsync(Message("ticket-1", "event-1", "x", "tech"), default);
        var tech = (await _users.FindByIdAsync("tech"))!;
        await _users.UpdateAsync(tech with { EmailNotifications = false });

        await Emails().SendPendingAsync("tech", "ticket-1", default);

        _email.VerifyNoOtherCalls();
        Assert.False(Assert.Single(_inbox.All).EmailPending);
    }

    [Fact]
    public async Task TheInboxSentenceIsWrittenInTheReadersLanguageWhenRead()
    {
        await Delivery().DeliverAsync(Message("tech"), default);
        var stored = Assert.Single(_inbox.All);

        Assert.Equal("Ana Admin te ha asignado TCK-000012.", stored.Message);
        Assert.Equal("Ana Admin assigned TCK-000012 to you.", stored.ReadBy(new Reader("en", TimeZoneInfo.Utc)).Message);
        // Stored before contents were kept: its own sentence is all there is.
        Assert.Equal("Texto antiguo", (stored with { Content = null, Message = "Texto antiguo" }).ReadBy(new Reader("en", TimeZoneInfo.Utc)).Message);
    }

    private sealed class FakeResolutionLinks : IResolutionLinks
    {
        public ResolutionLinkPair? For(Ticket ticket) => ticket.Status == TicketStatus.Resolved
            ? new ResolutionLinkPair($"https://t.example/resolucion?token=yes-{ticket.Id}", $"https://t.example/resolucion?token=no-{ticket.Id}", Build.Start.AddDays(7))
            : null;
    }

    /// <summary>
    /// The "resolved" mail to <paramref name="recipient"/>, about a ticket copying "admin" that "tech" requested (unless
    /// <paramref name="toRequester"/> is false: then "tech" is not its requester).
    /// </summary>
    private async Task<EmailMessage> ResolvedMailAsync(TicketStatus statusNow, IResolutionLinks? links, string recipient = "tech", bool toRequester = true)
    {
        var ticket = Build.InStatus(statusNow) with { Number = 12, Ccs = [new TicketPerson("admin", "Ana")] };
        if (toRequester) ticket = ticket with { Requester = new Requester("tech", "Tomás", "Soporte") };
        _tickets.Setup(t => t.FindAsync("ticket-1", It.IsAny<CancellationToken>())).ReturnsAsync(ticket);
        var move = JsonSerializer.SerializeToElement(new { from = "in_progress", to = "resolved", note = "Tóner cambiado." }, Json.Options);
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
            [new TicketEvent("event-9", "ticket-1", TicketEventType.StatusChanged, new EventActor("t-1", "Tomás"), Build.Start, move)], NextCursor: null));
        EmailMessage? sent = null;
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);

        await Delivery(links: links).DeliverAsync(JsonSerializer.Serialize(new NotificationMessage(
            "event-9", NotificationType.StatusChanged, "ticket-1", [recipient], null, Build.Start, new NotificationData { Number = 12, Title = "x" }), Json.Options), default);
        return sent!;
    }

    [Fact]
    public async Task TheResolvedMailCarriesTheResolutionLinksWhenTheApplicationHasThem()
    {
        var mail = await ResolvedMailAsync(TicketStatus.Resolved, new FakeResolutionLinks());

        Assert.Equal("Resuelto: [TCK-000012] La impresora no imprime", mail.Subject);
        Assert.Contains("Sí, está resuelto: https://t.example/resolucion?token=yes-ticket-1", mail.Body, StringComparison.Ordinal);
        Assert.Contains("No, reabrir: https://t.example/resolucion?token=no-ticket-1", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Tóner cambiado.", mail.Body, StringComparison.Ordinal);
        Assert.Contains("se cerrará automáticamente el 9 mar 2026, 10:00 (Europe/Madrid)", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpdateForAFollowerNoLongerStaffIsNotStoredAndOneForStaffIsWordedForAFollower()
    {
        await _users.CreateAsync(Person("former", "antes@example.org", "es") with { Role = Role.User });
        var move = JsonSerializer.SerializeToElement(new { from = "in_progress", to = "on_hold" }, Json.Options);
        _tickets.Setup(t => t.ListHistoryAsync("ticket-1", true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
            [new TicketEvent("event-7", "ticket-1", TicketEventType.StatusChanged, new EventActor("t-1", "Tomás"), Build.Start, move)], NextCursor: null));

        await Delivery(withEmail: false).DeliverAsync(JsonSerializer.Serialize(new NotificationMessage(
            "event-7", NotificationType.TicketUpdated, "ticket-1", ["former", "tech"], null, Build.Start, new NotificationData { Number = 12, Title = "x" }), Json.Options), default);

        var told = Assert.Single(_inbox.All);
        Assert.Equal(("tech", "Tomás ha cambiado TCK-000012, que sigues, de en curso a en espera."), (told.RecipientId, told.Message));
    }

    [Fact]
    public async Task ACcsResolvedMailTellsTheNoteButNotTheLinksThatAnswerAsTheRequester()
    {
        var mail = await ResolvedMailAsync(TicketStatus.Resolved, new FakeResolutionLinks(), recipient: "admin");

        Assert.Contains("Tóner cambiado.", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutResolutionLinksTheResolvedMailHasNoneButStillTheAutoCloseDate()
    {
        var mail = await ResolvedMailAsync(TicketStatus.Resolved, links: null);

        Assert.DoesNotContain("resolucion?token", mail.Body + mail.Html, StringComparison.Ordinal);
        Assert.Contains("se cerrará automáticamente el", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheRequestersResolvedMailCarriesTheLinksThatActAsThem()
    {
        var mail = await ResolvedMailAsync(TicketStatus.Resolved, new FakeResolutionLinks(), toRequester: false);

        Assert.DoesNotContain("token=", mail.Body + mail.Html, StringComparison.Ordinal);
        Assert.Contains("Tóner cambiado.", mail.Body, StringComparison.Ordinal);
        Assert.Contains("se cerrará automáticamente el", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResolutionNoLongerInForceWhenTheMailGoesOffersNoLinks()
    {
        var mail = await ResolvedMailAsync(TicketStatus.Open, new FakeResolutionLinks());

        Assert.DoesNotContain("¿Está resuelto?", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("se cerrará automáticamente", mail.Body, StringComparison.Ordinal);
    }
}
