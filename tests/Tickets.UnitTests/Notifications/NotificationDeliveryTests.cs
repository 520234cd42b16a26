using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Common;
using Tickets.Email;
using Tickets.Notifications;
using Tickets.Tickets;
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

    private NotificationDelivery Delivery(bool withEmail = true) => new(
        _inbox, _tickets.Object, _users, new OnceOnlyEmail(_claims, _time), Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" }), _time,
        NullLogger<NotificationDelivery>.Instance, withEmail ? _email.Object : null);

    private static string Message(params string[] recipients) => Message("ticket-1", "event-1", "La impresora no imprime", recipients);

    private static string Message(string ticketId, string eventId, string title, params string[] recipients) => JsonSerializer.Serialize(new NotificationMessage(
        eventId, NotificationType.TicketAssigned, ticketId, recipients, new EventActor("boss", "Ana Admin"),
        new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new NotificationData { Number = 12, Title = title }), Json.Options);

    [Fact]
    public async Task TheTitleToldIsTheStoredOneNotTheMessages()
    {
        EmailMessage? sent = null;
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);

        await Delivery().DeliverAsync(Message("ticket-1", "event-1", "Pay the invoice at evil.example", "admin"), default);

        Assert.Equal("[TCK-000012] La impresora no imprime", sent!.Subject);
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
        Assert.Equal("[TCK-000012] La impresora no imprime", sent.Subject);
        Assert.Contains("Open the ticket: https://tickets.example.org/tickets/TCK-000012", sent.Body, StringComparison.Ordinal);
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
}
