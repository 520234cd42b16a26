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
using Tickets.UnitTests.Fakes;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Notifications;

/// <summary>A technician in digest mode (08:00 in Madrid) and one with quiet hours; two tickets, TCK-000012 and TCK-000013.</summary>
public sealed class DigestDeliveryTests
{
    private static readonly DateTimeOffset Occurred = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero); // 09:00 in Madrid
    private static readonly DateTimeOffset NextDigest = new(2026, 3, 3, 7, 0, 0, TimeSpan.Zero); // 08:00 in Madrid

    private readonly InMemoryNotificationStore _inbox = new();
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryIdempotencyStore _claims = new();
    private readonly Mock<IEmailSender> _email = new();
    private readonly Mock<ITicketStore> _tickets = new();
    private readonly FakeTimeProvider _time = new(Occurred);
    private readonly List<(string Queue, string Body, DateTimeOffset? VisibleAt)> _queued = [];
    private readonly List<EmailMessage> _sent = [];

    public DigestDeliveryTests()
    {
        _users.CreateAsync(Person("digest", NotificationMode.Digest)).Wait();
        _users.CreateAsync(Person("quiet", NotificationMode.Instant, new QuietHours(new TimeOnly(8, 30), new TimeOnly(10, 0)))).Wait();
        _users.CreateAsync(Person("requester", NotificationMode.Digest, role: Role.User)).Wait();
        foreach (var (id, number, title) in new[] { ("ticket-1", 12L, "La impresora no imprime"), ("ticket-2", 13L, "El <proyector> parpadea") })
        {
            _tickets.Setup(t => t.FindAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(Build.NewTicket() with { Id = id, Number = number, Title = title });
            _tickets.Setup(t => t.ListHistoryAsync(id, true, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<TicketEvent>(
                [.. Enumerable.Range(1, 2).Select(i => new TicketEvent($"{id}-event-{i}", id, TicketEventType.Assigned, new EventActor("boss", "Ana Admin"), Occurred, default))],
                NextCursor: null));
        }

        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => _sent.Add(m)).Returns(Task.CompletedTask);
    }

    private static User Person(string id, NotificationMode mode, QuietHours? quiet = null, Role role = Role.Technician) => new()
    {
        Id = id, Email = $"{id}@example.org", Dni = $"1234567{id.Length}Z", Phone = "600000000", FirstNames = id, LastNames = "Apellido", Department = "Soporte",
        Role = role, Active = true, PasswordHash = "x", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        Language = "en", TimeZone = "Europe/Madrid", NotificationMode = mode, QuietHours = quiet,
    };

    private NotificationDelivery Delivery()
    {
        var queue = new Mock<IQueueSender>();
        queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, DateTimeOffset?, CancellationToken>((name, body, at, _) => _queued.Add((name, body, at)))
            .Returns(Task.CompletedTask);
        var options = Options.Create(new NotificationEmailOptions { CoalesceSeconds = 0 });
        return new(_inbox, _tickets.Object, _users, Emails(), queue.Object, options, Options.Create(new UserOptions()),
            NullLogger<NotificationDelivery>.Instance, _email.Object);
    }

    private NotificationEmails Emails() => new(
        _inbox, _tickets.Object, _users, new OnceOnlyEmail(_claims, _time), Build.Rules(),
        Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" }), Options.Create(new UserOptions()),
        Options.Create(new NotificationEmailOptions()), Options.Create(new MailOptions { SupportAddress = "soporte@example.org" }),
        Options.Create(new SmtpOptions()), _time, NullLogger<NotificationEmails>.Instance, _email.Object);

    private static string Message(string ticketId, int eventNumber, params string[] recipients) => JsonSerializer.Serialize(new NotificationMessage(
        $"{ticketId}-event-{eventNumber}", NotificationType.TicketAssigned, ticketId, recipients, new EventActor("boss", "Ana Admin"), Occurred,
        new NotificationData { Number = 1, Title = "x" }), Json.Options);

    private async Task DeliverThreeAsync(string recipient)
    {
        await Delivery().DeliverAsync(Message("ticket-1", 1, recipient), default);
        await Delivery().DeliverAsync(Message("ticket-1", 2, recipient), default);
        await Delivery().DeliverAsync(Message("ticket-2", 1, recipient), default);
    }

    /// <summary>Each delayed message as the queue would hand it over at its time.</summary>
    private async Task RunQueuedAsync()
    {
        foreach (var (_, body, _) in _queued.ToList()) await Emails().DeliverAsync(body, default);
    }

    [Fact]
    public async Task ADigestPersonsNotificationsAreStoredAtOnceAndTheirEmailWaitsForTheirDigestHour()
    {
        await DeliverThreeAsync("digest");

        Assert.Equal(3, _inbox.All.Count);
        Assert.Empty(_sent);
        Assert.Equal([NextDigest, NextDigest, NextDigest], _queued.Select(q => q.VisibleAt));
        Assert.All(_queued, q => Assert.Equal(QueueNames.NotificationEmails, q.Queue));
    }

    [Fact]
    public async Task AtTheDigestHourTheTicketsMessagesSendOneDigestGroupedByTicket()
    {
        await DeliverThreeAsync("digest");
        _time.SetUtcNow(NextDigest);

        await RunQueuedAsync();

        var digest = Assert.Single(_sent);
        Assert.Equal("Your Tickets digest: 3 updates on 2 tickets", digest.Subject);
        Assert.Contains("TCK-000012 · La impresora no imprime", digest.Body, StringComparison.Ordinal);
        Assert.Contains("TCK-000013 · El <proyector> parpadea", digest.Body, StringComparison.Ordinal);
        Assert.Contains("El &lt;proyector&gt; parpadea", digest.Html, StringComparison.Ordinal);
        Assert.Contains("https://tickets.example.org/tickets/TCK-000013", digest.Body, StringComparison.Ordinal);
        Assert.Equal(3, digest.Body.Split('\n').Count(l => l.StartsWith("- Ana Admin assigned", StringComparison.Ordinal)));
        Assert.All(_inbox.All, n => Assert.False(n.EmailPending));
    }

    [Fact]
    public async Task ADigestIsNotSentTwiceWhenItsMessagesAndTheSweepComeAgain()
    {
        await DeliverThreeAsync("digest");
        _time.SetUtcNow(NextDigest);
        await RunQueuedAsync();

        await RunQueuedAsync();
        _time.Advance(TimeSpan.FromHours(1));
        await Emails().SweepAsync(default);

        Assert.Single(_sent);
    }

    [Fact]
    public async Task BeforeItsHourADigestMessageSendsNothing()
    {
        await DeliverThreeAsync("digest");
        _time.SetUtcNow(NextDigest - TimeSpan.FromMinutes(5));

        await RunQueuedAsync();

        Assert.Empty(_sent);
        Assert.All(_inbox.All, n => Assert.True(n.EmailPending));
    }

    [Fact]
    public async Task ARequesterIsToldAtOnceEvenIfTheirAccountSaysDigest()
    {
        await Delivery().DeliverAsync(Message("ticket-1", 1, "requester"), default);

        Assert.Single(_sent);
        Assert.Empty(_queued);
    }

    [Fact]
    public async Task InsideQuietHoursAnInstantEmailIsScheduledForTheirEndInsteadOfSentAtOnce()
    {
        await Delivery().DeliverAsync(Message("ticket-1", 1, "quiet"), default);

        Assert.Empty(_sent);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Assert.Single(_queued).VisibleAt); // 10:00 in Madrid
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await RunQueuedAsync();
        Assert.Equal("Assigned: [TCK-000012] La impresora no imprime", Assert.Single(_sent).Subject);
    }
}
