using System.Net.Http.Json;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;
using Tickets.Inbound;
using static Tickets.EndToEndTests.Inbound.InboundMail;

namespace Tickets.EndToEndTests.Inbound;

/// <summary>
/// The e-mail channel with the real local mail server: mail sent over SMTP to the support address is read by the host's
/// mailbox poll, or posted to the signed webhook, and becomes a ticket, a comment, or a recorded refusal.
/// </summary>
public sealed class InboundMailTests(InboundMailWorld world) : IClassFixture<InboundMailWorld>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private LocalHost Host => world.Host;

    private Task<Person> NewPersonAsync(string role = "user") => Host.NewPersonAsync(world.Admin, role);

    [Fact]
    public async Task MailToTheSupportAddressBecomesATicketOfItsSenderMarkedAsEmail()
    {
        var person = await NewPersonAsync();
        var subject = Unique("La impresora del pasillo no imprime");

        await Host.Mail.SendAsync(Mail(person.Email, subject, "Desde esta mañana no sale ninguna hoja."));

        var record = await ProcessedAsync(world.Admin, subject);
        Assert.Equal("ticket", record.Str("outcome"));
        var ticket = Assert.Single(await TicketsTitledAsync(person.Client, subject));
        Assert.Equal(record.Str("ticketId"), ticket.Id());
        var history = await (await person.Client.GetAsync($"api/tickets/{ticket.Id()}/history")).JsonAsync();
        var created = history.GetProperty("items").EnumerateArray().Single(e => e.Str("type") == "created");
        Assert.Equal("email", created.GetProperty("data").Str("channel"));
    }

    [Fact]
    public async Task AReplyToANotificationBecomesAPublicCommentWithoutTheQuotedText()
    {
        var requester = await NewPersonAsync();
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync(Unique("El portátil no arranca"));
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "¿Se enciende algún piloto al pulsar el botón?")).EnsureSuccessStatusCode();
        var notification = await Host.Mail.WaitForMailAsync(
            m => m.To.Contains(requester.Email, StringComparer.OrdinalIgnoreCase) && m.Text.Contains("piloto", StringComparison.Ordinal), MailWait);

        var reply = Mail(requester.Email, "Re: " + notification.Subject,
            "Sí, el piloto naranja parpadea.\n\nEl lun, Soporte escribió:\n> " + string.Join("\n> ", notification.Text.Split('\n')));
        reply.InReplyTo = notification.Message!.MessageId;
        foreach (var reference in notification.Message.References) reply.References.Add(reference);
        reply.References.Add(notification.Message.MessageId!);
        await Host.Mail.SendAsync(reply);

        var record = await ProcessedAsync(world.Admin, reply.Subject!);
        Assert.Equal("comment", record.Str("outcome"));
        Assert.Equal(ticket.Id(), record.Str("ticketId"));
        var comment = Assert.Single(await CommentsAsync(requester.Client, ticket.Id()), c => c.GetProperty("author").Str("id") == requester.Id);
        Assert.Equal("Sí, el piloto naranja parpadea.", comment.Str("body").Trim());
        Assert.Equal("email", comment.Str("channel"));
    }

    [Fact]
    public async Task TheSameMessageTwiceOpensOneTicket()
    {
        var person = await NewPersonAsync();
        var subject = Unique("El monitor parpadea");
        var message = Mail(person.Email, subject, "Parpadea cada pocos segundos.");

        await Host.Mail.SendAsync(message);
        await Host.Mail.SendAsync(message);

        await ProcessedAsync(world.Admin, subject);
        // Both copies were queued (the poll counts them) and the queue is empty: the second was processed too.
        await Eventually.Until(async () => await MessagesInAsync(subject), n => n == 2, "both copies in the mailbox", MailWait);
        await SettledAsync();
        Assert.Single(await TicketsTitledAsync(person.Client, subject));
    }

    [Theory]
    [InlineData("auto_reply")]
    [InlineData("bounce")]
    [InlineData("unknown_sender")]
    public async Task AutoRepliesBouncesAndStrangersOpenNothingAndTheStatusSaysWhy(string reason)
    {
        var person = await NewPersonAsync();
        var subject = Unique("Fuera de la oficina");
        var message = reason switch
        {
            "auto_reply" => Mail(person.Email, subject, "Estoy de vacaciones hasta el lunes."),
            "bounce" => Mail("MAILER-DAEMON@mail.example.org", subject, "Delivery to the following recipient failed permanently."),
            _ => Mail($"stranger-{Guid.NewGuid():N}@example.org", subject, "Quiero abrir una incidencia."),
        };
        if (reason == "auto_reply") message.Headers.Add("Auto-Submitted", "auto-replied");

        await Host.Mail.SendAsync(message);

        var record = await ProcessedAsync(world.Admin, subject);
        Assert.Equal("refused", record.Str("outcome"));
        Assert.Equal(reason, record.Str("reason"));
        Assert.True(record.GetProperty("ticketId").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Empty(await TicketsTitledAsync(world.Admin, subject));
        Assert.True((await StatusAsync(world.Admin)).GetProperty("lastDay").GetProperty(reason).GetInt32() >= 1);
    }

    [Fact]
    public async Task AReplyNamingATicketTheSenderMayNotSeeCommentsNothing()
    {
        var owner = await NewPersonAsync();
        var other = await NewPersonAsync();
        var ticket = await owner.Client.CreateTicketAsync(Unique("Mi ticket privado"));
        var subject = $"Re: [{ticket.Str("number")}] {Unique("Un comentario que no es mío")}";

        await Host.Mail.SendAsync(Mail(other.Email, subject, "Me cuelo en un ticket ajeno."));

        var record = await ProcessedAsync(world.Admin, subject);
        Assert.Equal("refused", record.Str("outcome"));
        Assert.Equal("ticket_not_visible", record.Str("reason"));
        Assert.DoesNotContain(await CommentsAsync(owner.Client, ticket.Id()), c => c.Str("body").Contains("Me cuelo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWellSignedWebhookIsAcceptedAndBecomesATicket()
    {
        var person = await NewPersonAsync();
        var subject = Unique("El proyector no enciende");

        var response = await PostAsync(Host.Client(), Bytes(Mail(person.Email, subject, "Sala 3, desde ayer.")));

        Assert.Equal(202, (int)response.StatusCode);
        var record = await ProcessedAsync(world.Admin, subject);
        Assert.Equal("webhook", record.Str("door"));
        Assert.Single(await TicketsTitledAsync(person.Client, subject));
    }

    [Fact]
    public async Task AWronglySignedWebhookIsUnauthorizedAndKeepsNothing()
    {
        var subject = Unique("Firmado con otra clave");
        var body = Bytes(Mail("user@tickets.local", subject, "Nada de esto debe entrar."));

        var problem = await (await PostAsync(Host.Client(), body, secret: "another-secret-of-forty-characters-000000")).ProblemAsync(401);

        Assert.Contains("X-Tickets-Signature", problem.FieldErrors());
        var missing = await (await PostAsync(Host.Client(), body, signature: "")).ProblemAsync(401);
        Assert.Contains("X-Tickets-Signature", missing.FieldErrors());
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task AWebhookSignedMoreThanFiveMinutesAwayIsUnauthorized(int minutes)
    {
        var body = Bytes(Mail("user@tickets.local", Unique("Firmado a destiempo"), "Una firma vieja no vale."));

        var problem = await (await PostAsync(Host.Client(), body, at: DateTimeOffset.UtcNow.AddMinutes(minutes))).ProblemAsync(401);

        Assert.Contains("X-Tickets-Timestamp", problem.FieldErrors());
    }

    [Fact]
    public async Task AMessageThatCannotBeParsedEndsInThePoisonQueueAndHealthShowsIt()
    {
        var before = await Host.Queues.PoisonCountAsync(global::Tickets.Messaging.QueueNames.InboundMail);

        var response = await PostAsync(Host.Client(), Utf8("\u0001\u0002 esto no es un mensaje: ni cabeceras ni cuerpo\r\n"));

        Assert.Equal(202, (int)response.StatusCode);
        await Eventually.Until(() => Host.Queues.PoisonCountAsync(global::Tickets.Messaging.QueueNames.InboundMail), n => n > before, "the message poisoned", MailWait);
        var details = await (await world.Admin.GetAsync("api/health/details")).JsonAsync();
        var poison = details.GetProperty("queues").EnumerateArray().Single(q => q.Str("name") == "inbound-mail-poison");
        Assert.True(poison.GetProperty("approximateMessages").GetInt32() > before);
        Assert.Contains(details.GetProperty("queues").EnumerateArray(), q => q.Str("name") == "inbound-mail");
        Assert.True((await StatusAsync(world.Admin)).GetProperty("poisoned").GetInt64() > before);
    }

    /// <summary>The mail a person gets about one ticket is one thread in a mail client: same root, grouped by a threader.</summary>
    [Fact]
    public async Task TwoNotificationsAboutOneTicketAreOneThreadInTheInbox()
    {
        var requester = await NewPersonAsync();
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync(Unique("La red va lenta"));
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Primera respuesta.")).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Segunda respuesta.")).EnsureSuccessStatusCode();

        var mails = await Eventually.Until(async () => (await Host.Mail.MailsAsync())
                .Where(m => m.To.Contains(requester.Email, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(ticket.Str("number"), StringComparison.Ordinal)).ToList(),
            m => m.Count >= 2, "two notifications", MailWait);

        var roots = mails.Select(m => m.Message!.References.FirstOrDefault() ?? m.Message.InReplyTo).Distinct().ToList();
        Assert.Equal($"ticket-{ticket.Id()}@tickets.local", Assert.Single(roots));
        var summaries = mails.Select((m, i) => new MessageSummary(i)
        {
            Envelope = new Envelope { MessageId = m.Message!.MessageId, InReplyTo = m.Message.InReplyTo, Subject = m.Subject, Date = m.Message.Date },
            References = [.. m.Message.References],
        });
        var threads = MessageThreader.Thread(summaries, ThreadingAlgorithm.References);
        Assert.Single(threads);
    }

    [Fact]
    public async Task AFailedPollIsThrownAndKeptForAdminsWithoutThePassword()
    {
        // A mail server that is not there (nothing listens on the port).
        var poller = Poller(new ImapOptions { Host = "127.0.0.1", Port = NodeTool.FreePort(), UseTls = false, UserName = "nadie", Password = "not-the-password" });

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => poller.PollAsync(CancellationToken.None));

        var state = await Host.Services.GetRequiredService<IInboundMailStore>().GetMailboxAsync("nadie@127.0.0.1/INBOX");
        Assert.StartsWith("SocketException: ", state!.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", state.LastError, StringComparison.Ordinal);
        Assert.NotNull(state.LastErrorAt);
        Assert.Null(state.LastSuccessAt);
    }

    [Fact]
    public async Task AMessageOverTheLimitIsSkippedAndReportedAndThePollGoesOn()
    {
        await Host.Mail.SendAsync(Mail("user@tickets.local", Unique("Un mensaje enorme"), new string('x', 2048)));
        await Eventually.Until(() => Host.Mail.MailsAsync(), m => m.Any(x => x.Subject.StartsWith("Un mensaje enorme", StringComparison.Ordinal)), "the mail in the mailbox", MailWait);
        // The same mailbox under another name ("localhost"), so its state is this test's own.
        var imap = new ImapOptions { Host = "localhost", Port = Host.Mail.ImapPort, UseTls = false, UserName = SmtpSink.ImapUser, Password = Host.Mail.ImapPassword };

        var queued = await Poller(imap, maxBytes: 1024).PollAsync(CancellationToken.None);

        var state = (await Host.Services.GetRequiredService<IInboundMailStore>().GetMailboxAsync(MailboxPoller.MailboxName(imap)))!;
        Assert.Contains("MaxMessageBytes", state.LastError, StringComparison.Ordinal);
        Assert.NotNull(state.LastSuccessAt);
        Assert.True(state.LastUid > 0);
        Assert.True(queued < state.LastUid);
    }

    private MailboxPoller Poller(ImapOptions imap, long maxBytes = 1 << 20) =>
        new(Options.Create(new InboundOptions { Imap = imap, MaxMessageBytes = maxBytes }), new MailboxSignIn(imap, null), Host.Services.GetRequiredService<IInboundMailStore>(),
            Host.Services.GetRequiredService<IInboundMailBlobs>(), Host.Services.GetRequiredService<global::Tickets.Messaging.IQueueSender>(),
            TimeProvider.System, NullLogger<MailboxPoller>.Instance);

    private async Task<int> MessagesInAsync(string subject) =>
        (await Host.Mail.MailsAsync()).Count(m => m.Subject == subject && m.To.Contains(SmtpSink.SupportAddress, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every message in the mailbox was queued and the queue is empty (nothing visible or in flight).</summary>
    private async Task SettledAsync()
    {
        var total = (await Host.Mail.MailsAsync()).Count(m => m.To.Contains(SmtpSink.SupportAddress, StringComparer.OrdinalIgnoreCase));
        await Eventually.Until(async () => (await StatusAsync(world.Admin)).GetProperty("mailbox").GetProperty("queued").GetInt64(),
            n => n >= total, "every message queued", MailWait);
        await Eventually.Until(() => Host.Queues.CountAsync(global::Tickets.Messaging.QueueNames.InboundMail), n => n == 0, "inbound-mail drained", MailWait);
    }
}

/// <summary>Without a secret the webhook does not exist.</summary>
public sealed class InboundWebhookAbsentTests(LocalHost host) : IClassFixture<LocalHost>
{
    [Fact]
    public async Task WithoutASecretTheWebhookIsNotFound()
    {
        var response = await PostAsync(host.Client(), Bytes(Mail("user@tickets.local", "Sin secreto", "No hay puerta.")));

        var problem = await response.ProblemAsync(404);
        Assert.Equal("not_found", problem.Str("code"));
        Assert.Equal(404, (int)(await host.Client().PostAsJsonAsync("api/no-such-route", new { })).StatusCode);
    }
}
