using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Tickets.Email;
using Tickets.Inbound;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.UnitTests.Fakes;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Inbound;

/// <summary>What each inbound message becomes, and what it never becomes.</summary>
public sealed class InboundMailProcessorTests
{
    private readonly InMemoryInboundBlobs _blobs = new();
    private readonly InMemoryInboundMailStore _records = new();
    private readonly InMemoryRequestBudgetStore _budgets = new();
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryNotificationStore _notifications = new();
    private readonly FakeDesk _desk = new();
    private readonly List<EmailMessage> _sent = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero));
    private readonly InboundOptions _options = new();
    private int _delivered;

    private static readonly User Ana = Person("u-ana", "ana@example.org", Role.User);
    private static readonly User Otto = Person("u-otto", "otto@example.org", Role.User);
    private static readonly User Gone = Person("u-gone", "gone@example.org", Role.User) with { Active = false };

    public InboundMailProcessorTests()
    {
        foreach (var user in new[] { Ana, Otto, Gone }) _users.CreateAsync(user).Wait();
    }

    private static User Person(string id, string email, Role role) => new()
    {
        Id = id, Email = email, Dni = "dni-" + id, Phone = "600000000", FirstNames = id, LastNames = "Apellido", Department = "Ventas",
        Role = role, Active = true, PasswordHash = "x", CreatedAt = Build.Start, UpdatedAt = Build.Start,
    };

    private InboundMailProcessor Processor(bool withEmail = true) => new(
        _blobs, _records, _budgets, _users, _notifications, _desk, new FakeAccounts(_users), Options.Create(_options),
        Options.Create(new MailOptions { SupportAddress = "soporte@example.org" }), Options.Create(new SmtpOptions { From = "Tickets <tickets@example.org>" }),
        Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" }), _time, NullLogger<InboundMailProcessor>.Instance,
        withEmail ? new CapturingSender(_sent) : null);

    private async Task<InboundMailRecord> ProcessAsync(MailBuilder mail, bool withEmail = true) => await ProcessAsync(mail.Raw(), withEmail);

    private async Task<InboundMailRecord> ProcessAsync(byte[] raw, bool withEmail = true)
    {
        var blob = $"webhook-{++_delivered}";
        _blobs.Put(blob, raw);
        await Processor(withEmail).ProcessAsync(new InboundMailMessage(blob, blob, InboundDoor.Webhook, _time.GetUtcNow()), default);
        var key = InboundMailKey.Of(MimeMessage.Load(new MemoryStream(raw)).MessageId, raw);
        return (await _records.FindAsync(key))!;
    }

    private Ticket AnasTicket(TicketStatus status = TicketStatus.Open) =>
        _desk.Add(Build.NewTicket() with { Id = "t-ana", Number = 123, Requester = new Requester(Ana.Id, Ana.FullName, Ana.Department), Status = status });

    [Fact]
    public async Task MailFromAnAccountOpensItsTicket()
    {
        var record = await ProcessAsync(MailBuilder.From("Ana@Example.org", "Ana").Subject("Fwd: RE: La impresora no imprime").Text("No imprime nada.\n\n-- \nAna"));

        var ticket = Assert.Single(_desk.Tickets);
        Assert.Equal((InboundOutcome.Ticket, ticket.Id, ticket.DisplayNumber, record.Id), (record.Outcome, record.TicketId, record.TicketNumber, ticket.Id));
        Assert.Equal(("La impresora no imprime", "No imprime nada.\n\n--\nAna", Ana.Id), (ticket.Title, ticket.Description, ticket.Requester.Id));
    }

    [Fact]
    public async Task AnHtmlOnlyMailBecomesATicketWithItsText()
    {
        await ProcessAsync(MailBuilder.From("ana@example.org").HtmlOnly("<p>Hola,</p><p>no <b>imprime</b>.</p><script>x()</script>"));

        Assert.Equal("Hola,\n\nno imprime.", Assert.Single(_desk.Tickets).Description);
    }

    [Fact]
    public async Task AReplyNamingTheTicketInItsSubjectIsAPublicCommentWithoutTheQuote()
    {
        AnasTicket();
        var record = await ProcessAsync(MailBuilder.From("ana@example.org").Subject("Re: Respuesta en [TCK-000123] La impresora no imprime")
            .Text("Ya funciona.\n\nEl lun, 7 dic 2026 a las 10:15, Soporte <soporte@example.org> escribió:\n> ##- Escriba su respuesta por encima de esta línea -##\n> Hola"));

        var (ticketId, comment) = Assert.Single(_desk.Comments);
        Assert.Equal(("t-ana", "Ya funciona.", false, Ana.Id), (ticketId, comment.Body, comment.Internal, comment.Author.Id));
        Assert.Equal((InboundOutcome.Comment, "t-ana", "TCK-000123", comment.Id), (record.Outcome, record.TicketId, record.TicketNumber, record.CommentId));
    }

    [Fact]
    public async Task AReplyToANotificationEmailCommentsOnItsTicket()
    {
        AnasTicket();
        await _notifications.AddAsync(new Notification("event-1-u-ana", Ana.Id, NotificationType.TicketCommented, "t-ana", "TCK-000123", "x", "x", Build.Start, null));

        var record = await ProcessAsync(MailBuilder.From("ana@example.org").Subject("Re: hola").InReplyTo("<notification-event-1-u-ana@example.org>").Text("Gracias"));

        Assert.Equal((InboundOutcome.Comment, "t-ana"), (record.Outcome, record.TicketId));
    }

    [Fact]
    public async Task TheSameMessageTwiceChangesNothingTheSecondTime()
    {
        AnasTicket();
        var raw = MailBuilder.From("ana@example.org").Subject("Re: [TCK-000123]").Text("Gracias").Raw();

        await ProcessAsync(raw);
        var calls = _desk.Calls;
        await ProcessAsync(raw);

        Assert.Equal((1, 1, calls), (_desk.Comments.Count, _records.All.Count, _desk.Calls));
    }

    [Fact]
    public async Task AMessageWithoutMessageIdIsStillProcessedOnce()
    {
        var raw = MailBuilder.From("ana@example.org").MessageId(null).Raw();

        await ProcessAsync(raw);
        await ProcessAsync(raw);

        Assert.Single(_desk.Tickets);
    }

    [Theory]
    [InlineData("ana@example.org", "Auto-Submitted", "auto-replied", InboundRefusal.AutoReply)]
    [InlineData("MAILER-DAEMON@mx.example.com", "X-Failed-Recipients", "x@example.com", InboundRefusal.Bounce)]
    [InlineData("ana@example.org", "Precedence", "bulk", InboundRefusal.Bulk)]
    [InlineData("soporte@example.org", "X-Mailer", "Tickets", InboundRefusal.OwnAddress)]
    [InlineData("tickets@example.org", "X-Mailer", "Tickets", InboundRefusal.OwnAddress)]
    public async Task MailNoPersonWroteOpensNothingAndIsAnsweredNothing(string from, string header, string value, InboundRefusal reason)
    {
        var record = await ProcessAsync(MailBuilder.From(from).Header(header, value));

        Assert.Equal((InboundOutcome.Refused, reason), (record.Outcome, record.Reason));
        Assert.Equal((0, 0, 0), (_desk.Calls, _sent.Count, _budgets.Takes.Count));
    }

    [Fact]
    public async Task ASenderOverTheHourlyLimitIsRefused()
    {
        _options.MaxPerSenderPerHour = 2;

        for (var i = 0; i < 2; i++) await ProcessAsync(MailBuilder.From("ana@example.org"));
        var third = await ProcessAsync(MailBuilder.From("ana@example.org"));

        Assert.Equal((InboundRefusal.OverLimit, 2), (third.Reason, _desk.Tickets.Count));
    }

    [Fact]
    public async Task AnUnknownSenderIsAnsweredOnceADayHowToRegister()
    {
        var first = await ProcessAsync(MailBuilder.From("nadie@example.com", "Nadie").Subject("Ayuda").MessageId("m1@example.com"));
        var second = await ProcessAsync(MailBuilder.From("nadie@example.com").Subject("Ayuda otra vez"));

        Assert.Equal((InboundRefusal.UnknownSender, InboundRefusal.UnknownSender), (first.Reason, second.Reason));
        var answer = Assert.Single(_sent);
        Assert.Equal(("nadie@example.com", "Re: Ayuda", "m1@example.com"), (answer.To, answer.Subject, answer.ThreadId));
        Assert.Equal("auto-replied", answer.AutoSubmitted);
        Assert.Contains("https://tickets.example.org/register", answer.Body, StringComparison.Ordinal);
        Assert.Empty(_desk.Tickets);
    }

    [Fact]
    public async Task TheAnswerToAReplyIsNotReReplied()
    {
        await ProcessAsync(MailBuilder.From("nadie@example.com").Subject("RE: Ayuda"));

        Assert.Equal("RE: Ayuda", Assert.Single(_sent).Subject);
    }

    [Fact]
    public async Task AnUnknownSendersAutoReplyIsNeverAnswered()
    {
        var record = await ProcessAsync(MailBuilder.From("nadie@example.com").Header("Auto-Submitted", "auto-replied"));

        Assert.Equal((InboundRefusal.AutoReply, 0), (record.Reason, _sent.Count));
    }

    [Fact]
    public async Task WithoutSmtpAnUnknownSenderIsRefusedUnanswered()
    {
        var record = await ProcessAsync(MailBuilder.From("nadie@example.com"), withEmail: false);

        Assert.Equal(InboundRefusal.UnknownSender, record.Reason);
    }

    [Fact]
    public async Task WithCreateAnUnknownSenderGetsAnAccountAndTheTicket()
    {
        _options.UnknownSenders = UnknownSenders.Create;

        var record = await ProcessAsync(MailBuilder.From("nueva@example.com", "García López, Marta"));

        var user = await _users.FindByEmailAsync("nueva@example.com");
        Assert.Equal(("Marta", "García López", Role.User, true), (user!.FirstNames, user.LastNames, user.Role, user.InvitationPending));
        Assert.Equal((InboundOutcome.Ticket, user.Id), (record.Outcome, Assert.Single(_desk.Tickets).Requester.Id));
    }

    [Fact]
    public async Task AnInactiveAccountIsRefused()
    {
        var record = await ProcessAsync(MailBuilder.From("gone@example.org"));

        Assert.Equal((InboundRefusal.InactiveSender, 0), (record.Reason, _desk.Calls));
    }

    [Fact]
    public async Task AReplyNamingATicketTheSenderMayNotSeeNeverCommentsOnIt()
    {
        AnasTicket();

        var record = await ProcessAsync(MailBuilder.From("otto@example.org").Subject("Re: [TCK-000123] La impresora").Text("Yo también"));

        Assert.Equal((InboundOutcome.Refused, InboundRefusal.TicketNotVisible), (record.Outcome, record.Reason));
        Assert.Empty(_desk.Comments);
        Assert.Single(_desk.Tickets);
    }

    [Fact]
    public async Task AReplyToSomeoneElsesNotificationNamesNoTicket()
    {
        AnasTicket();
        await _notifications.AddAsync(new Notification("event-1-u-ana", Ana.Id, NotificationType.TicketCommented, "t-ana", "TCK-000123", "x", "x", Build.Start, null));

        var record = await ProcessAsync(MailBuilder.From("otto@example.org").Subject("Re: hola").InReplyTo("<notification-event-1-u-ana@example.org>"));

        Assert.Equal(InboundRefusal.TicketNotVisible, record.Reason);
        Assert.Empty(_desk.Comments);
    }

    [Fact]
    public async Task AReplyNamingATicketThatDoesNotExistOpensNothing()
    {
        var record = await ProcessAsync(MailBuilder.From("ana@example.org").Subject("Re: [TCK-999999] x"));

        Assert.Equal((InboundRefusal.TicketNotVisible, 0), (record.Reason, _desk.Tickets.Count));
    }

    [Fact]
    public async Task AReplyToAClosedTicketIsRefusedAsClosed()
    {
        AnasTicket(TicketStatus.Closed);

        var record = await ProcessAsync(MailBuilder.From("ana@example.org").Subject("Re: [TCK-000123]").Text("¿Alguna novedad?"));

        Assert.Equal(InboundRefusal.TicketClosed, record.Reason);
    }

    [Fact]
    public async Task AReplyThatOnlyQuotesIsEmpty()
    {
        AnasTicket();

        var record = await ProcessAsync(MailBuilder.From("ana@example.org").Subject("Re: [TCK-000123]").Text("> ##- Escriba su respuesta por encima de esta línea -##\n> hola"));

        Assert.Equal((InboundRefusal.Empty, 0), (record.Reason, _desk.Comments.Count));
    }

    [Fact]
    public async Task AttachedFilesGoWithTheTicket()
    {
        await ProcessAsync(MailBuilder.From("ana@example.org").File("captura.png", [1, 2, 3]).File("log.txt", "línea"u8.ToArray()));

        Assert.Equal(["captura.png", "log.txt"], Assert.Single(_desk.Files).Select(f => f.FileName));
    }

    [Fact]
    public async Task AMissingBlobThrowsSoTheQueueRetries()
    {
        var missing = new InboundMailMessage("imap-1-1", "imap-1-1", InboundDoor.Mailbox, _time.GetUtcNow());

        await Assert.ThrowsAsync<InvalidDataException>(() => Processor().ProcessAsync(missing, default));
    }

    [Theory]
    [InlineData("\u0000\u0001\u00FF\n")]
    [InlineData("this is not a mail at all\r\n\r\nno header block here\r\n")]
    [InlineData("")]
    public async Task BytesThatAreNoMailThrowSoTheQueuePoisonsThem(string raw)
    {
        _blobs.Put("webhook-x", System.Text.Encoding.Latin1.GetBytes(raw));

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            Processor().ProcessAsync(new InboundMailMessage("webhook-x", "webhook-x", InboundDoor.Webhook, _time.GetUtcNow()), default));
        Assert.Empty(_records.All);
    }

    [Theory]
    [InlineData("RE: Fwd: RV: AW: Pantalla rota", "", "Pantalla rota")]
    [InlineData("Re:", "Pantalla rota\nmás texto", "Pantalla rota")]
    [InlineData("", "", InboundMailProcessor.NoSubject)]
    public void TheTitleIsTheSubjectWithoutPrefixesElseTheFirstLine(string subject, string text, string title)
    {
        Assert.Equal(title, InboundMailProcessor.TitleOf(subject, text));
    }

    [Fact]
    public void AnAccountMadeFromMailIsValidAndHonestAboutWhatItDoesNotKnow()
    {
        var request = MailAccounts.RequestFor(new MailboxAddress("", "Juan.Perez@Example.com"), 0);

        Assert.True(request.Validate().IsValid);
        Assert.Equal(("juan.perez@example.com", "juan.perez", "-", MailAccounts.Department, 15), (request.Email, request.FirstNames, request.LastNames, request.Department, request.Dni!.Length));
        Assert.Equal(request.Dni, MailAccounts.RequestFor(new MailboxAddress("Juan", "juan.perez@example.com"), 0).Dni);
        Assert.NotEqual(request.Dni, MailAccounts.RequestFor(new MailboxAddress("", "juan.perez@example.com"), 1).Dni);
    }

    private sealed class CapturingSender(List<EmailMessage> sent) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
