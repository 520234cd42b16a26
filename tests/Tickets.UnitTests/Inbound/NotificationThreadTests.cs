using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Email;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.UnitTests.Fakes;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Inbound;

/// <summary>The notification a person receives is a thread in their mail client, and a reply to it comes back to us.</summary>
public sealed class NotificationThreadTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("es", "##- Escriba su respuesta por encima de esta línea -##")]
    [InlineData("en", "##- Please type your reply above this line -##")]
    public async Task ANotificationEmailIsAReplyableMessageOfTheTicketsThread(string language, string marker)
    {
        var (sent, mailOptions) = await SendAsync(language);

        using var mime = SmtpEmailSender.ToMime(sent, mailOptions.Sender("Tickets <tickets@example.org>"));

        Assert.Contains("[TCK-000123]", mime.Subject, StringComparison.Ordinal);
        Assert.Equal("notification-n1-u1@example.org", mime.MessageId);
        Assert.Equal("ticket-t1@example.org", mime.InReplyTo);
        Assert.Equal(["ticket-t1@example.org"], mime.References);
        Assert.Equal("soporte@example.org", Assert.Single(mime.ReplyTo.Mailboxes).Address);
        // Machine-written: out-of-office replies and other robots leave it alone (and ours refuses theirs).
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Equal("All", mime.Headers["X-Auto-Response-Suppress"]);
        Assert.StartsWith(marker + "\n", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains(marker, System.Net.WebUtility.HtmlDecode(mime.HtmlBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTextBodyOfANotificationIsAllCutFromAReplyQuotingIt()
    {
        var (sent, _) = await SendAsync("es");
        var reply = "Gracias, ya está.\n\n" + string.Join('\n', sent.Body.Split('\n').Select(line => "> " + line));

        Assert.Equal("Gracias, ya está.", global::Tickets.Inbound.ReplyText.Clean(reply));
    }

    private static async Task<(EmailMessage Sent, MailOptions Mail)> SendAsync(string language)
    {
        var inbox = new InMemoryNotificationStore();
        var users = new InMemoryUserStore();
        await users.CreateAsync(new User
        {
            Id = "u1", Email = "ana@example.org", Dni = "12345678Z", Phone = "600000000", FirstNames = "Ana", LastNames = "García", Department = "Ventas",
            Role = Role.User, Active = true, PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now, Language = language,
        });
        var tickets = new Mock<ITicketStore>();
        tickets.Setup(t => t.FindAsync("t1", It.IsAny<CancellationToken>())).ReturnsAsync(Build.NewTicket() with { Id = "t1", Number = 123 });
        await inbox.AddAsync(new Notification("n1-u1", "u1", NotificationType.TicketCommented, "t1", "TCK-000123", "La impresora no imprime", "x", Now, null)
        {
            Content = new NotificationContent(new EventActor("t", "Tomás"), new NotificationData { Number = 123, Title = "La impresora no imprime", Excerpt = "¿Ha probado a reiniciar?" }),
            EmailDueAt = Now,
        });
        EmailMessage? sent = null;
        var email = new Mock<IEmailSender>();
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);
        var mail = new MailOptions { SupportAddress = "soporte@example.org" };
        var time = new FakeTimeProvider(Now);
        var emails = new NotificationEmails(inbox, tickets.Object, users, new OnceOnlyEmail(new InMemoryIdempotencyStore(), time), Build.Rules(),
            Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org" }), Options.Create(new UserOptions()),
            Options.Create(new NotificationEmailOptions()), Options.Create(mail), Options.Create(new SmtpOptions { From = "Tickets <tickets@example.org>" }),
            time, NullLogger<NotificationEmails>.Instance, email.Object);

        await emails.SendPendingAsync("u1", "t1", default);
        return (sent ?? throw new Xunit.Sdk.XunitException("No e-mail was sent."), mail);
    }
}
