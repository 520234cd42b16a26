using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Attachments;
using Tickets.DevHost.Triggers;
using Tickets.EndToEndTests.Notifications;
using Tickets.EndToEndTests.Tickets;
using Microsoft.Extensions.Options;
using Tickets.Functions.Triggers;
using Tickets.Inbound;
using Tickets.Messaging;
using AttachmentClient = Tickets.EndToEndTests.Attachments.AttachmentClient;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// A host with its own queues and SMTP sink, queues polled every quarter second, a critical SLA that runs in seconds,
/// auto-close after a second, and timers that never fire on their own: each test runs them on demand, twice, through the
/// invoker the host's scheduler uses.
/// </summary>
public sealed class RedeliveryWorld : IAsyncLifetime
{
    /// <summary>29 February at midnight: not during a test run.</summary>
    private const string Never = "0 0 0 29 2 *";

    public LocalHost Host { get; } = new()
    {
        WithMailbox = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 5, "maxPollingInterval": "00:00:00.250", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Sla:Critical:FirstResponse"] = "00:00:08";
        Host.Settings["Tickets:Sla:Critical:Resolution"] = "00:10:00";
        Host.Settings["Tickets:AutoCloseAfter"] = "00:00:01";
        Host.Settings["Tickets:Sla:SweepSchedule"] = Never;
        Host.Settings["Tickets:AutoCloseSchedule"] = Never;
        Host.Settings["Tickets:Outbox:RelaySchedule"] = Never;
        Host.Settings["Tickets:Attachments:SweepSchedule"] = Never;
        Host.Settings["Tickets:Inbound:PollSchedule"] = Never;
        Host.Settings["Tickets:Inbound:SweepSchedule"] = Never;
        // The relay takes only what the dispatcher gave up on (a send times out after 2 s); with no delay it re-sent
        // messages the dispatcher had just sent, and two copies of one SLA check waited where the tests count one.
        Host.Settings["Tickets:Outbox:RelayAfter"] = "00:00:02.500";
        Host.Settings["Tickets:Outbox:SendTimeout"] = "00:00:02";
        Host.Settings["Tickets:PublicUrl"] = "https://tickets.example.org";
        // One e-mail per notification, so counting mails counts deliveries (coalescing has its own tests).
        Host.Settings["Tickets:Notifications:CoalesceSeconds"] = "0";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Queues deliver at least once and timers may run again on the same data: every queue- and timer-triggered function,
/// given the same input twice, changes nothing the second time — no second event, closure, notification or e-mail.
/// Queue functions get their messages through the host's real queues; timer functions are run by the host's invoker.
/// </summary>
public sealed class RedeliveryTests(RedeliveryWorld world) : IClassFixture<RedeliveryWorld>
{
    /// <summary>Each queue or timer function of <c>functions.metadata</c> and the test that delivers its input twice.</summary>
    private static readonly Dictionary<string, string> Cases = new()
    {
        ["Notify"] = nameof(TheSameNotificationDeliveredTwiceTellsEachRecipientOnceInTheInboxAndByEmail),
        ["SlaCheck"] = nameof(TheSameSlaChecksDeliveredTwiceRecordOneWarningAndOneBreachAndTellEachPersonOnce),
        ["SlaSweep"] = nameof(TheSweepRunTwiceRecordsAMissedBreachOnce),
        ["AutoClose"] = nameof(AutoCloseRunTwiceClosesOnceAndTellsTheRequesterOnce),
        ["OutboxRelay"] = nameof(TheRelayRunTwiceAtOnceOnAPendingMessageTellsOnce),
        ["SendAccountEmail"] = nameof(TheSameSetPasswordEmailDeliveredTwiceSendsOneMail),
        ["AuditSweep"] = nameof(TheAuditSweepRunTwiceLeavesTheLogAsTheFirstRunDid),
        ["SlaReplan"] = nameof(TheSameReplanDeliveredTwiceReplansEachTicketOnce),
        ["SendNotificationEmail"] = nameof(TheSameNotificationEmailMessageDeliveredTwiceAndTheSweepRunTwiceSendNoSecondMail),
        ["NotificationEmailSweep"] = nameof(TheSameNotificationEmailMessageDeliveredTwiceAndTheSweepRunTwiceSendNoSecondMail),
        ["AttachmentSweep"] = nameof(TheAttachmentSweepRunTwiceAtOnceRemovesAnOldUploadOnceAndKeepsAnAttachedFile),
        ["ProcessInboundMail"] = nameof(TheSameInboundMessageDeliveredTwiceOpensOneTicket),
        ["InboundMailSweep"] = nameof(TheInboundMailSweepRunTwiceAtOnceRemovesAnOldRecordOnceAndKeepsARecentOne),
        ["MailboxPoll"] = nameof(TheMailboxPolledTwiceAtOnceAndAgainAfterACrashBeforeItsStateWasSavedOpensOneTicket),
    };

    private LocalHost Host => world.Host;

    private Task<Person> NewPersonAsync(string role) => Host.NewPersonAsync(world.Admin, role);

    [Fact]
    public void EveryQueueAndTimerFunctionHasARedeliveryCase()
    {
        // A function added to the app without a case here fails this test, as does a case for a function that is gone.
        Assert.Equal(FunctionsMetadata.TriggeredFunctions.Select(f => f.Function).Order(), Cases.Keys.Order());
        Assert.Equal(TriggerCatalog.Functions.Queues.Select(f => f.Name).Concat(TriggerCatalog.Functions.Timers.Select(f => f.Name)).Order(), Cases.Keys.Order());
        Assert.All(Cases.Values, test => Assert.NotNull(typeof(RedeliveryTests).GetMethod(test)?.GetCustomAttributes(typeof(FactAttribute), false).SingleOrDefault()));
    }

    [Fact]
    public async Task TheSameNotificationDeliveredTwiceTellsEachRecipientOnceInTheInboxAndByEmail()
    {
        var tech = await NewPersonAsync("technician");
        var user = await NewPersonAsync("user");
        // A real ticket and event (delivery reads them again), told to two people the change itself told nobody of.
        var requester = await NewPersonAsync("user");
        var ticket = await requester.Client.CreateTicketAsync("Entregado dos veces");
        var ticketId = ticket.Id();
        var number = ticket.Str("number");
        var history = await (await requester.Client.GetAsync($"api/tickets/{ticketId}/history")).JsonAsync();
        var message = JsonSerializer.Serialize(new
        {
            eventId = history.GetProperty("items").EnumerateArray().Single(e => e.Str("type") == "created").Str("id"), type = "ticket_created", ticketId,
            recipientIds = new[] { tech.Id, user.Id }, actor = new { id = requester.Id, name = "Persona" }, occurredAt = DateTimeOffset.UtcNow,
            data = new { number = 1, title = "Entregado dos veces" },
        });

        // Both copies at once: one listener batch may run them side by side.
        await Task.WhenAll(Host.Queues.SendAsync("notifications", message), Host.Queues.SendAsync("notifications", message));

        foreach (var person in new[] { tech, user })
            await NotificationWorld.WaitForNotificationAsync(person.Client, n => n.Str("ticketId") == ticketId, "told");
        await DrainedAsync("notifications");
        foreach (var person in new[] { tech, user })
        {
            Assert.Equal(1, await NotificationsAsync(person, ticketId));
            Assert.Equal(1, await MailsAsync(person, number));
        }
    }

    /// <summary>
    /// A person's e-mail about a ticket goes once, however many copies of its <c>notification-emails</c> message arrive
    /// and however often the sweep runs (this host e-mails at once; the coalesced path is covered by the delivery's unit tests).
    /// </summary>
    [Fact]
    public async Task TheSameNotificationEmailMessageDeliveredTwiceAndTheSweepRunTwiceSendNoSecondMail()
    {
        var requester = await NewPersonAsync("user");
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("Un correo, una vez");
        var number = ticket.Str("number");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await tech.Client.CommentAsync(ticket.Id(), "Lo miro ahora.")).EnsureSuccessStatusCode();
        await Host.Mail.WaitForMailAsync(m => SentTo(m, requester) && m.Subject.Contains(number, StringComparison.Ordinal));

        var message = JsonSerializer.Serialize(new { recipientId = requester.Id, ticketId = ticket.Id() });
        await Task.WhenAll(Host.Queues.SendAsync(QueueNames.NotificationEmails, message), Host.Queues.SendAsync(QueueNames.NotificationEmails, message));
        await DrainedAsync(QueueNames.NotificationEmails);
        await RunTimerAsync("NotificationEmailSweep");
        await RunTimerAsync("NotificationEmailSweep");

        Assert.Equal(1, await MailsAsync(requester, number));
        Assert.Equal(1, await NotificationsAsync(requester, ticket.Id()));
    }

    [Fact]
    public async Task TheSameSlaChecksDeliveredTwiceRecordOneWarningAndOneBreachAndTellEachPersonOnce()
    {
        var (ticket, tech, admin) = await CriticalTicketWithoutItsChecksAsync(assign: true);
        var sla = ticket.GetProperty("sla");
        string Check(string point, string at) => JsonSerializer.Serialize(new
        {
            ticketId = ticket.Id(), target = "first_response", point, at = sla.GetProperty(at).GetDateTimeOffset(), generation = 1,
        });

        // Each point recorded schedules the ticket's next check (the chain: due time, then the resolution's warning,
        // minutes away); a copy of a point already recorded schedules nothing. So once both copies ran, one check waits.
        await UntilAsync(sla.GetProperty("firstResponseWarningAt").GetDateTimeOffset());
        var warning = Check("warning", "firstResponseWarningAt");
        await Task.WhenAll(Host.Queues.SendAsync("sla-checks", warning), Host.Queues.SendAsync("sla-checks", warning));
        await WaitForHistoryAsync(ticket.Id(), h => h.Contains("sla_warning"), "warned");
        await OneCheckWaitingAsync();

        // The chained due check comes at the due time too: three deliveries of one point.
        await UntilAsync(sla.GetProperty("firstResponseDueAt").GetDateTimeOffset());
        var due = Check("due", "firstResponseDueAt");
        await Task.WhenAll(Host.Queues.SendAsync("sla-checks", due), Host.Queues.SendAsync("sla-checks", due));
        await WaitForHistoryAsync(ticket.Id(), h => h.Contains("escalated"), "escalated");
        await OneCheckWaitingAsync();
        await Task.WhenAll(Host.Queues.SendAsync("sla-checks", warning), Host.Queues.SendAsync("sla-checks", due));
        await OneCheckWaitingAsync();

        var history = await HistoryTypesAsync(ticket.Id());
        Assert.Equal((1, 1, 1), (history.Count(t => t == "sla_warning"), history.Count(t => t == "sla_breached"), history.Count(t => t == "escalated")));
        await OutboxSentAsync();
        await NotificationWorld.WaitForNotificationAsync(tech.Client, n => NotificationWorld.About(n, "sla_breached", ticket), "the assignee told of the breach");
        await NotificationWorld.WaitForNotificationAsync(admin.Client, n => NotificationWorld.About(n, "sla_breached", ticket), "an admin told of the breach");
        await DrainedAsync("notifications");
        Assert.Equal(1, await NotificationsAsync(tech, ticket.Id(), "sla_warning"));
        Assert.Equal(1, await NotificationsAsync(tech, ticket.Id(), "sla_breached"));
        Assert.Equal(1, await NotificationsAsync(admin, ticket.Id(), "sla_breached"));
        // One e-mail per notification: for the assignee the assignment, the warning and the breach; for the admin the new ticket and the breach.
        Assert.Equal(await NotificationsAsync(tech, ticket.Id()), await MailsAsync(tech, ticket.Str("number")));
        Assert.Equal(await NotificationsAsync(admin, ticket.Id()), await MailsAsync(admin, ticket.Str("number")));
    }

    [Fact]
    public async Task TheSweepRunTwiceRecordsAMissedBreachOnce()
    {
        var (ticket, _, admin) = await CriticalTicketWithoutItsChecksAsync(assign: false);
        await UntilAsync(ticket.GetProperty("sla").GetProperty("firstResponseDueAt").GetDateTimeOffset());
        Assert.DoesNotContain("sla_breached", await HistoryTypesAsync(ticket.Id()));

        await RunTimerAsync("SlaSweep");
        var once = await HistoryTypesAsync(ticket.Id());
        await RunTimerAsync("SlaSweep");

        Assert.Equal((1, 1), (once.Count(t => t == "sla_breached"), once.Count(t => t == "escalated")));
        Assert.Equal(once, await HistoryTypesAsync(ticket.Id()));
        await OutboxSentAsync();
        await NotificationWorld.WaitForNotificationAsync(admin.Client, n => NotificationWorld.About(n, "sla_breached", ticket), "an admin told of the breach");
        await DrainedAsync("notifications");
        Assert.Equal(1, await NotificationsAsync(admin, ticket.Id(), "sla_breached"));
        Assert.Equal(await NotificationsAsync(admin, ticket.Id()), await MailsAsync(admin, ticket.Str("number")));
    }

    [Fact]
    public async Task TheAuditSweepRunTwiceLeavesTheLogAsTheFirstRunDid()
    {
        var person = await NewPersonAsync("user");
        var users = Host.Services.GetRequiredService<global::Tickets.Users.IUserStore>();
        var account = (await users.FindByIdAsync(person.Id))!;
        var actor = new global::Tickets.Administration.Audit.AuditActor("admin", "Admin");
        var target = global::Tickets.Users.UserAudit.TargetOf(account);
        var now = DateTimeOffset.UtcNow;
        // One entry past the retention (400 days) and one fresh, written with a change as an admin's change writes them.
        Assert.Equal(global::Tickets.Users.UserWrite.Done, await users.UpdateAsync(account with { Department = "Archivo" },
        [
            global::Tickets.Administration.Audit.AuditEntry.Of(actor, "user.profile_changed", target, new { department = "A" }, new { department = "B" }, now.AddDays(-401)),
            global::Tickets.Administration.Audit.AuditEntry.Of(actor, "user.profile_changed", target, new { department = "Soporte" }, new { department = "Archivo" }, now),
        ]));

        await RunTimerAsync("AuditSweep");
        var once = await AuditOfAsync(person.Id);
        await RunTimerAsync("AuditSweep");

        Assert.Equal(["user.profile_changed", "user.created"], once.Select(e => e.Str("action")));
        Assert.Equal("Archivo", once[0].GetProperty("after").Str("department"));
        Assert.Equal(once.Select(e => e.Str("id")), (await AuditOfAsync(person.Id)).Select(e => e.Str("id")));
    }

    [Fact]
    public async Task TheInboundMailSweepRunTwiceAtOnceRemovesAnOldRecordOnceAndKeepsARecentOne()
    {
        var store = Host.Services.GetRequiredService<IInboundMailStore>();
        InboundMailRecord Record(string id, DateTimeOffset at) =>
            new(id, $"<{id}@example.org>", "ana@example.org", "Hola", InboundDoor.Webhook, at, at, InboundOutcome.Refused) { Reason = InboundRefusal.UnknownSender };
        var old = await store.AddAsync(Record(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddDays(-91)));
        var recent = await store.AddAsync(Record(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddDays(-89)));

        await Task.WhenAll(RunTimerAsync("InboundMailSweep"), RunTimerAsync("InboundMailSweep"));
        await RunTimerAsync("InboundMailSweep");

        Assert.Null(await store.FindAsync(old.Id));
        Assert.Equal(recent, await store.FindAsync(recent.Id));
    }

    [Fact]
    public async Task TheAttachmentSweepRunTwiceAtOnceRemovesAnOldUploadOnceAndKeepsAnAttachedFile()
    {
        var uploads = Host.Services.GetRequiredService<IUploadStore>();
        var blobs = Host.Services.GetRequiredService<IAttachmentBlobs>();
        var requester = await NewPersonAsync("user");
        // An upload left unreferenced for two days (written as the upload path writes one), and a file attached to a ticket.
        var old = new Upload(Guid.CreateVersion7().ToString("N"), "olvidado.txt", "text/plain", 5, new string('0', 64),
            new global::Tickets.Tickets.EventActor(requester.Id, "Olvidadiza"), DateTimeOffset.UtcNow.AddDays(-2));
        await blobs.WriteAsync(old.BlobName, new MemoryStream("viejo"u8.ToArray()), old.ContentType);
        await uploads.AddAsync(old);
        var kept = await AttachmentClient.UploadedAsync(requester.Client, AttachmentClient.Png, "captura.png");
        Assert.Equal(201, (int)(await AttachmentClient.CreateTicketWithAsync(requester.Client, kept.Id())).StatusCode);

        await Task.WhenAll(RunTimerAsync("AttachmentSweep"), RunTimerAsync("AttachmentSweep"));
        await RunTimerAsync("AttachmentSweep");

        Assert.Null(await uploads.FindAsync(old.Id));
        Assert.False(await Host.Blobs.ExistsAsync(old.BlobName));
        Assert.NotNull((await uploads.FindAsync(kept.Id()))?.AttachedAt);
        var link = await requester.Client.GetAsync($"api/attachments/{kept.Id()}/link");
        Assert.Equal(200, (int)link.StatusCode);
        Assert.Equal(AttachmentClient.Png, await (await AttachmentClient.FollowAsync(new Uri((await link.JsonAsync()).Str("url")))).Content.ReadAsByteArrayAsync());
    }

    private async Task<List<JsonElement>> AuditOfAsync(string userId) =>
        [.. (await (await world.Admin.GetAsync($"api/audit?targetId={userId}")).JsonAsync()).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task AutoCloseRunTwiceClosesOnceAndTellsTheRequesterOnce()
    {
        var requester = await NewPersonAsync("user");
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("Cambiar el tóner");
        (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        var resolved = await (await tech.Client.SetStatusAsync(ticket.Id(), "resolved", "Tóner cambiado.")).JsonAsync();
        await UntilAsync(resolved.GetProperty("updatedAt").GetDateTimeOffset() + TimeSpan.FromSeconds(1));

        await RunTimerAsync("AutoClose");
        var once = await HistoryTypesAsync(ticket.Id());
        await RunTimerAsync("AutoClose");

        Assert.Equal("closed", (await world.Admin.GetTicketAsync(ticket.Id())).Str("status"));
        Assert.Equal(once, await HistoryTypesAsync(ticket.Id()));
        await OutboxSentAsync();
        await NotificationWorld.WaitForNotificationAsync(requester.Client,
            n => NotificationWorld.About(n, "status_changed", ticket) && n.Str("message").Contains("cerrado", StringComparison.Ordinal), "the requester told");
        await DrainedAsync("notifications");
        // Resolved, then closed: two notifications, two e-mails.
        Assert.Equal(2, await NotificationsAsync(requester, ticket.Id(), "status_changed"));
        Assert.Equal(2, await MailsAsync(requester, ticket.Str("number")));
    }

    [Fact]
    public async Task TheRelayRunTwiceAtOnceOnAPendingMessageTellsOnce()
    {
        var requester = await NewPersonAsync("user");
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync("El escáner no envía correos");
        var outbox = Host.Services.GetRequiredService<IOutboxStore>();
        await OutboxSentAsync();

        // With the queues frozen the dispatcher gives up on the assignment's message: it stays in the outbox.
        await Host.FreezeQueuesAsync();
        try
        {
            (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
            // Longer than the dispatcher's send may take (Tickets:Outbox:SendTimeout).
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            Host.ThawQueues();
        }

        Assert.Equal(1, await PendingAsync(outbox, ticket.Id()));
        await Task.WhenAll(RunTimerAsync("OutboxRelay"), RunTimerAsync("OutboxRelay"));
        Assert.Equal(0, await PendingAsync(outbox, ticket.Id()));
        await RunTimerAsync("OutboxRelay");

        await NotificationWorld.WaitForNotificationAsync(tech.Client, n => NotificationWorld.About(n, "ticket_assigned", ticket), "told of the assignment");
        await DrainedAsync("notifications");
        Assert.Equal(1, await NotificationsAsync(tech, ticket.Id()));
        Assert.Equal(1, await MailsAsync(tech, ticket.Str("number")));
    }

    [Fact]
    public async Task TheSameSetPasswordEmailDeliveredTwiceSendsOneMail()
    {
        var person = await NewPersonAsync("user");
        var outbox = Host.Services.GetRequiredService<IOutboxStore>();
        await OutboxSentAsync();

        // With the queues frozen the dispatcher gives up on the link's e-mail message: it stays in the outbox, where the
        // test reads the message to deliver it itself.
        await Host.FreezeQueuesAsync();
        try
        {
            using var anonymous = Host.Client();
            Assert.Equal(202, (int)(await anonymous.PostAsJsonAsync("api/auth/password/forgot", new { email = person.Email })).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            Host.ThawQueues();
        }

        var message = (await outbox.ListPendingAsync(DateTimeOffset.UtcNow.AddDays(1), 1000)).Single(m => m.Queue == QueueNames.AccountEmails);
        await Task.WhenAll(Host.Queues.SendAsync(QueueNames.AccountEmails, message.Body), Host.Queues.SendAsync(QueueNames.AccountEmails, message.Body));
        await Host.Mail.WaitForMailAsync(m => SentTo(m, person));
        await DrainedAsync(QueueNames.AccountEmails);

        // And a third copy, from the relay that still finds the message pending.
        await RunTimerAsync("OutboxRelay");
        await DrainedAsync(QueueNames.AccountEmails);
        Assert.Equal(1, (await Host.Mail.MailsAsync()).Count(m => SentTo(m, person)));
    }

    private static bool SentTo(Services.ReceivedMail mail, Person person) =>
        mail.To.Any(to => to.Contains(person.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A critical ticket (first response due in 8 s) whose scheduled checks were taken off the queue, so the test delivers
    /// them itself; assigned to a new technician or not; and an admin made for the test, whose inbox is its own.
    /// </summary>
    private async Task<(JsonElement Ticket, Person Tech, Person Admin)> CriticalTicketWithoutItsChecksAsync(bool assign)
    {
        var requester = await NewPersonAsync("user");
        var tech = await NewPersonAsync("technician");
        var admin = await NewPersonAsync("admin");
        var ticket = await requester.Client.CreateTicketAsync("El servidor de ficheros no responde", priority: "critical");
        if (assign) (await admin.Client.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        await OutboxSentAsync();
        await Host.Queues.Queue("sla-checks").ClearMessagesAsync();
        // The checks were cleared well before the warning point (6 s after creation) could make one run.
        Assert.DoesNotContain("sla_warning", await HistoryTypesAsync(ticket.Id()));
        return (await world.Admin.GetTicketAsync(ticket.Id()), tech, admin);
    }

    /// <summary>Runs a timer function once, as the host's scheduler does: its own scope, the host's services.</summary>
    [Fact]
    public async Task TheSameInboundMessageDeliveredTwiceOpensOneTicket()
    {
        var person = await NewPersonAsync("user");
        var subject = $"Entregado dos veces por correo {Guid.NewGuid():N}";
        var id = Guid.NewGuid().ToString("N");
        var message = new InboundMailMessage(id, $"webhook-{id}", InboundDoor.Webhook, DateTimeOffset.UtcNow);
        using (var raw = new MemoryStream(Inbound.InboundMail.Bytes(Inbound.InboundMail.Mail(person.Email, subject, "Llega dos veces."))))
            await Host.Services.GetRequiredService<IInboundMailBlobs>().WriteAsync(message.Blob, raw);
        var body = JsonSerializer.Serialize(message, global::Tickets.Common.Json.Options);

        await Task.WhenAll(Host.Queues.SendAsync(QueueNames.InboundMail, body), Host.Queues.SendAsync(QueueNames.InboundMail, body));
        await DrainedAsync(QueueNames.InboundMail);

        Assert.Single(await Inbound.InboundMail.TicketsTitledAsync(person.Client, subject));
        Assert.Equal(0, await Host.Queues.PoisonCountAsync(QueueNames.InboundMail));
    }

    /// <summary>
    /// Two polls at once queue a new message at most twice, and a poll that crashed after queuing it but before saving
    /// the mailbox's state queues it again on the next run: the message still becomes one ticket.
    /// </summary>
    [Fact]
    public async Task TheMailboxPolledTwiceAtOnceAndAgainAfterACrashBeforeItsStateWasSavedOpensOneTicket()
    {
        var person = await NewPersonAsync("user");
        var subject = $"Leído dos veces del buzón {Guid.NewGuid():N}";
        var store = Host.Services.GetRequiredService<IInboundMailStore>();
        var mailbox = MailboxPoller.MailboxName(Host.Services.GetRequiredService<IOptions<InboundOptions>>().Value.Imap);
        var before = (await store.GetMailboxAsync(mailbox))?.LastUid ?? 0;
        await Host.Mail.SendAsync(Inbound.InboundMail.Mail(person.Email, subject, "Una vez, aunque se lea dos."));
        await Host.Mail.WaitForMailAsync(m => m.Subject == subject);

        await Eventually.Until(async () =>
        {
            await Task.WhenAll(RunTimerAsync("MailboxPoll"), RunTimerAsync("MailboxPoll"));
            return (await store.GetMailboxAsync(mailbox))!.LastUid;
        }, uid => uid > before, "the message polled", TimeSpan.FromSeconds(30));
        // The crash: the state is as it was before the message was queued.
        var polled = (await store.GetMailboxAsync(mailbox))!;
        Assert.NotNull(await store.SaveMailboxAsync(polled with { LastUid = before }));
        await RunTimerAsync("MailboxPoll");
        await DrainedAsync(QueueNames.InboundMail);

        Assert.Equal(polled.LastUid, (await store.GetMailboxAsync(mailbox))!.LastUid);
        Assert.Single(await Inbound.InboundMail.TicketsTitledAsync(person.Client, subject));
    }

    private async Task RunTimerAsync(string name)
    {
        var function = TriggerCatalog.Functions.Timers.Single(f => f.Name == name);
        var invoke = FunctionInvoker.Create<TimerInfo>(function.Name, function.Method, function.Trigger, timer => timer);
        await invoke(Host.Services, new TimerInfo(), CancellationToken.None);
    }

    /// <summary>
    /// Waits until the outbox is empty. On a loaded machine the dispatcher may give up on a slow send and leave a message
    /// to the relay, whose timer is off here: so the test runs the relay, as its schedule would.
    /// </summary>
    private Task OutboxSentAsync() => Eventually.Until(async () =>
    {
        var outbox = Host.Services.GetRequiredService<IOutboxStore>();
        if ((await outbox.ListPendingAsync(DateTimeOffset.UtcNow, 1)).Count == 0) return true;
        await RunTimerAsync("OutboxRelay");
        return false;
    }, sent => sent, "every outbox message sent", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task TheSameReplanDeliveredTwiceReplansEachTicketOnce()
    {
        var ticket = await world.Admin.CreateTicketAsync("Replanificado dos veces", priority: "medium");
        var current = await world.Admin.GetAsync("api/sla-policies/default");
        var policy = await current.JsonAsync();
        var targets = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(policy.GetProperty("targets").GetRawText())!;
        targets["medium"] = JsonSerializer.SerializeToElement(new { firstResponseMinutes = 30, resolutionMinutes = 90 });
        using (var put = new HttpRequestMessage(HttpMethod.Put, "api/sla-policies/default")
        {
            Content = JsonContent.Create(new { name = policy.Str("name"), targets, warningAt = policy.GetProperty("warningAt").GetDouble() }),
        })
        {
            put.Headers.IfMatch.Add(current.Headers.ETag!);
            Assert.Equal(200, (int)(await world.Admin.SendAsync(put)).StatusCode);
        }

        // Both copies at once: one listener batch may run them side by side.
        const string replan = """{"policyId":"default","cursor":null}""";
        await Task.WhenAll(Host.Queues.SendAsync(QueueNames.SlaReplans, replan), Host.Queues.SendAsync(QueueNames.SlaReplans, replan));

        await WaitForHistoryAsync(ticket.Id(), h => h.Contains("sla_replanned"), "re-planned");
        await DrainedAsync(QueueNames.SlaReplans);
        Assert.Equal(1, (await HistoryTypesAsync(ticket.Id())).Count(t => t == "sla_replanned"));
    }

    private static async Task<int> PendingAsync(IOutboxStore outbox, string ticketId) =>
        (await outbox.ListPendingAsync(DateTimeOffset.UtcNow.AddDays(1), 1000)).Count(m => m.TicketId == ticketId);

    /// <summary>Waits until a queue holds nothing, visible or in flight: every copy sent was handled and deleted.</summary>
    private Task DrainedAsync(string queue) =>
        Eventually.Until(() => Host.Queues.CountAsync(queue), n => n == 0, $"{queue} drained", TimeSpan.FromSeconds(30));

    /// <summary>
    /// Every copy sent has run and the outbox is empty, and exactly one check waits (invisible until its instant): the
    /// ticket's next. A copy that started a second chain would leave two.
    /// </summary>
    private Task OneCheckWaitingAsync() => Eventually.Until(async () =>
    {
        var outbox = Host.Services.GetRequiredService<IOutboxStore>();
        if ((await outbox.ListPendingAsync(DateTimeOffset.UtcNow, 1)).Count > 0)
        {
            await RunTimerAsync("OutboxRelay");
            return -1;
        }

        return await Host.Queues.CountAsync("sla-checks");
    }, n => n == 1, "every copy run and one SLA check waiting", TimeSpan.FromSeconds(30));

    private static Task UntilAsync(DateTimeOffset instant) =>
        instant > DateTimeOffset.UtcNow ? Task.Delay(instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100)) : Task.CompletedTask;

    private async Task<List<string>> HistoryTypesAsync(string ticketId) =>
        (await LoadCheck.AllAsync(world.Admin, $"api/tickets/{ticketId}/history?limit=100")).Select(e => e.Str("type")).ToList();

    private async Task WaitForHistoryAsync(string ticketId, Func<List<string>, bool> done, string what) =>
        await Eventually.Until(() => HistoryTypesAsync(ticketId), done, what, TimeSpan.FromSeconds(30));

    private static async Task<int> NotificationsAsync(Person person, string ticketId, string? type = null) =>
        (await NotificationWorld.InboxAsync(person.Client)).GetProperty("items").EnumerateArray()
            .Count(n => n.Str("ticketId") == ticketId && (type is null || n.Str("type") == type));

    private async Task<int> MailsAsync(Person person, string number) =>
        (await Host.Mail.MailsAsync()).Count(m => m.To.Any(to => to.Contains(person.Email, StringComparison.OrdinalIgnoreCase)) && m.Subject.Contains(number, StringComparison.Ordinal));
}
