using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>The outbox: pending messages commit with their ticket change, are listed oldest first and removed once sent.</summary>
public abstract class OutboxStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ITicketStore Tickets => Get<ITicketStore>();
    private IOutboxStore Outbox => Get<IOutboxStore>();

    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");

    private async Task<(Ticket Ticket, OutboxMessage Message)> CreateWithMessageAsync(string body, DateTimeOffset? visibleAt = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var change = Ticket.Create(id, await Tickets.NextNumberAsync(), new CreateTicketRequest("Sin red", "No hay red.", null), Requester, Rules, Time.GetUtcNow()).Value;
        var message = new OutboxMessage(Guid.NewGuid().ToString("N"), id, QueueNames.Notifications, body, Time.GetUtcNow(), visibleAt);
        var created = await Tickets.CreateAsync(change with { Outbox = [message] });
        return (created!, message);
    }

    [StoreFact]
    public async Task MessagesWrittenWithAChangeArePendingOldestFirst()
    {
        var (_, first) = await CreateWithMessageAsync("""{"n":1}""");
        Time.Advance(TimeSpan.FromSeconds(1));
        var (_, second) = await CreateWithMessageAsync("""{"n":2}""", visibleAt: Time.GetUtcNow().AddHours(1));

        var pending = await Outbox.ListPendingAsync(Time.GetUtcNow(), 10);

        Assert.Equal([first, second], pending);
    }

    [StoreFact]
    public async Task AMessageAddedOnItsOwnIsPendingUntilRemoved()
    {
        var id = Guid.NewGuid().ToString("N");
        var message = new OutboxMessage(id, "account-request:" + id, QueueNames.AccountEmails, """{"forgotten":"a@example.org"}""", Time.GetUtcNow());

        await Outbox.AddAsync(message);
        Assert.Contains(message, await Outbox.ListPendingAsync(Time.GetUtcNow(), 1000));

        await Outbox.RemoveAsync([message]);
        Assert.DoesNotContain(message, await Outbox.ListPendingAsync(Time.GetUtcNow(), 1000));
    }

    [StoreFact]
    public async Task PendingListHonoursTheAgeAndTheLimit()
    {
        var (_, old) = await CreateWithMessageAsync("{}");
        Time.Advance(TimeSpan.FromMinutes(1));
        await CreateWithMessageAsync("{}");
        await CreateWithMessageAsync("{}");

        Assert.Equal([old], await Outbox.ListPendingAsync(Time.GetUtcNow().AddSeconds(-30), 10));
        Assert.Equal(2, (await Outbox.ListPendingAsync(Time.GetUtcNow(), 2)).Count);
    }

    [StoreFact]
    public async Task RemovedMessageIsNoLongerPendingAndRemovingTwiceIsHarmless()
    {
        var (_, message) = await CreateWithMessageAsync("{}");

        await Outbox.RemoveAsync([message]);
        await Outbox.RemoveAsync([message]);

        Assert.Empty(await Outbox.ListPendingAsync(Time.GetUtcNow(), 10));
    }

    [StoreFact]
    public async Task MessagesOfSeveralTicketsAreRemovedTogetherAndOnlyThose()
    {
        var (_, first) = await CreateWithMessageAsync("{}");
        var (_, second) = await CreateWithMessageAsync("{}");
        var (_, kept) = await CreateWithMessageAsync("{}");

        // One already gone among them changes nothing for the others.
        await Outbox.RemoveAsync([first]);
        await Outbox.RemoveAsync([first, second]);

        Assert.Equal([kept], await Outbox.ListPendingAsync(Time.GetUtcNow(), 10));
    }

    [StoreFact]
    public async Task ARefusedChangeLeavesNoMessage()
    {
        var (ticket, first) = await CreateWithMessageAsync("{}");
        var edit = ticket.Edit(Requester, new UpdateTicketRequest("Sin red en la planta 2", null, null, null), Rules, Time.GetUtcNow()).Value;
        var late = new OutboxMessage(Guid.NewGuid().ToString("N"), ticket.Id, QueueNames.Notifications, "{}", Time.GetUtcNow());

        var saved = await Tickets.SaveAsync(edit with { Outbox = [late] }, expectedETag: "stale");

        Assert.Null(saved);
        Assert.Equal([first], await Outbox.ListPendingAsync(Time.GetUtcNow(), 10));
    }
}

/// <summary>The inbox: one notification per id, newest first, per recipient; reads and e-mail marks.</summary>
public abstract class NotificationStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private INotificationStore Notifications => Get<INotificationStore>();

    private Notification New(string recipient, string? id = null) => new(
        id ?? Guid.NewGuid().ToString("N"), recipient, NotificationType.TicketAssigned, "ticket-1", "TCK-000001",
        "La impresora no imprime", "Ana Admin te ha asignado TCK-000001.", Time.GetUtcNow(), ReadAt: null);

    [StoreFact]
    public async Task AddingTheSameNotificationTwiceStoresItOnce()
    {
        var first = await Notifications.AddAsync(New("r1", "event-1-r1"));
        await Notifications.MarkEmailedAsync("r1", first.Id, Time.GetUtcNow());

        var again = await Notifications.AddAsync(New("r1", "event-1-r1") with { Message = "otra vez" });

        Assert.Equal("Ana Admin te ha asignado TCK-000001.", again.Message);
        Assert.NotNull(again.EmailedAt);
        Assert.Single((await Notifications.ListAsync("r1", false, new PageRequest(10, null, false))).Items);
    }

    [StoreFact]
    public async Task InboxListsNewestFirstInKeysetPagesOfOneRecipientOnly()
    {
        var added = new List<Notification>();
        for (var i = 0; i < 5; i++)
        {
            added.Add(await Notifications.AddAsync(New("r1")));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Notifications.AddAsync(New("r2"));

        var first = await Notifications.ListAsync("r1", false, new PageRequest(3, null, false));
        var second = await Notifications.ListAsync("r1", false, new PageRequest(3, first.NextCursor, false));

        Assert.Equal(added.AsEnumerable().Reverse().Select(n => n.Id), first.Items.Concat(second.Items).Select(n => n.Id));
        Assert.NotNull(first.NextCursor);
        Assert.Null(second.NextCursor);
    }

    [StoreFact]
    public async Task ReadingOneCountsAndFiltersItAsRead()
    {
        var read = await Notifications.AddAsync(New("r1"));
        var unread = await Notifications.AddAsync(New("r1"));

        Assert.True(await Notifications.MarkReadAsync("r1", read.Id, Time.GetUtcNow()));

        Assert.Equal(1, await Notifications.CountUnreadAsync("r1"));
        Assert.Equal([unread.Id], (await Notifications.ListAsync("r1", true, new PageRequest(10, null, false))).Items.Select(n => n.Id));
        Assert.Equal(Time.GetUtcNow(), (await Notifications.FindAsync("r1", read.Id))!.ReadAt);
    }

    [StoreFact]
    public async Task ReadingAgainKeepsTheFirstReadTime()
    {
        var n = await Notifications.AddAsync(New("r1"));
        var firstRead = Time.GetUtcNow();
        await Notifications.MarkReadAsync("r1", n.Id, firstRead);
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await Notifications.MarkReadAsync("r1", n.Id, Time.GetUtcNow()));
        Assert.Equal(firstRead, (await Notifications.FindAsync("r1", n.Id))!.ReadAt);
    }

    [StoreFact]
    public async Task NobodyReadsAnotherPersonsNotification()
    {
        var theirs = await Notifications.AddAsync(New("r2"));

        Assert.False(await Notifications.MarkReadAsync("r1", theirs.Id, Time.GetUtcNow()));
        Assert.False(await Notifications.MarkReadAsync("r1", "missing", Time.GetUtcNow()));
        Assert.Null(await Notifications.FindAsync("r1", theirs.Id));
        Assert.Equal(1, await Notifications.CountUnreadAsync("r2"));
    }

    [StoreFact]
    public async Task ReadAllReadsOnlyTheCallersNotifications()
    {
        await Notifications.AddAsync(New("r1"));
        await Notifications.AddAsync(New("r1"));
        await Notifications.AddAsync(New("r2"));

        await Notifications.MarkAllReadAsync("r1", Time.GetUtcNow());

        Assert.Equal(0, await Notifications.CountUnreadAsync("r1"));
        Assert.Equal(1, await Notifications.CountUnreadAsync("r2"));
    }

    private Notification Pending(string recipient, string ticket, TimeSpan after, string? actor = "Ana Admin") =>
        New(recipient) with
        {
            TicketId = ticket,
            CreatedAt = Time.GetUtcNow() + after,
            EmailDueAt = Time.GetUtcNow() + after + TimeSpan.FromSeconds(60),
            Content = new NotificationContent(actor is null ? null : new EventActor("a-1", actor),
                new NotificationData { Number = 1, Title = "La impresora no imprime", Excerpt = "<b>hola</b>", DueAt = Time.GetUtcNow() }),
        };

    [StoreFact]
    public async Task ANotificationKeepsItsContentAndEmailDueTime()
    {
        var added = await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.Zero));

        var found = (await Notifications.FindAsync("r1", added.Id))!;
        var listed = Assert.Single((await Notifications.ListAsync("r1", false, new PageRequest(10, null, false))).Items);

        Assert.Equal(added.Content, found.Content);
        Assert.Equal(added.Content, listed.Content);
        Assert.Equal(Time.GetUtcNow().AddSeconds(60), found.EmailDueAt);
        Assert.True(found.EmailPending);
    }

    [StoreFact]
    public async Task PendingEmailIsListedPerRecipientAndTicketOldestFirstUntilSettled()
    {
        var second = await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.FromSeconds(2)));
        var first = await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.FromSeconds(1)));
        await Notifications.AddAsync(Pending("r1", "ticket-2", TimeSpan.Zero));
        await Notifications.AddAsync(Pending("r2", "ticket-1", TimeSpan.Zero));
        await Notifications.AddAsync(New("r1") with { TicketId = "ticket-1" }); // no e-mail wanted

        Assert.Equal([first.Id, second.Id], (await Notifications.ListEmailPendingAsync("r1", "ticket-1")).Select(n => n.Id));

        await Notifications.MarkEmailedAsync("r1", first.Id, Time.GetUtcNow());

        Assert.Equal([second.Id], (await Notifications.ListEmailPendingAsync("r1", "ticket-1")).Select(n => n.Id));
    }

    [StoreFact]
    public async Task DueEmailIsListedPerRecipientAcrossTicketsOldestFirstUpToItsDueTime()
    {
        var later = await Notifications.AddAsync(Pending("r1", "ticket-2", TimeSpan.FromSeconds(2)));
        var first = await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.Zero));
        var settled = await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.FromSeconds(1)));
        await Notifications.MarkEmailedAsync("r1", settled.Id, Time.GetUtcNow());
        await Notifications.AddAsync(Pending("r1", "ticket-3", TimeSpan.FromMinutes(30))); // not due yet
        await Notifications.AddAsync(Pending("r2", "ticket-1", TimeSpan.Zero)); // someone else's
        await Notifications.AddAsync(New("r1") with { TicketId = "ticket-1" }); // no e-mail wanted

        var due = await Notifications.ListEmailDueAsync("r1", Time.GetUtcNow().AddSeconds(62), 10);

        Assert.Equal([first.Id, later.Id], due.Select(n => n.Id));
        Assert.Equal([first.Id], (await Notifications.ListEmailDueAsync("r1", Time.GetUtcNow().AddSeconds(62), 1)).Select(n => n.Id));
        Assert.Equal([first.Id], (await Notifications.ListEmailDueAsync("r1", Time.GetUtcNow().AddSeconds(60), 10)).Select(n => n.Id));
    }

    [StoreFact]
    public async Task OverdueEmailIsListedOncePerRecipientAndTicket()
    {
        await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.Zero));
        await Notifications.AddAsync(Pending("r1", "ticket-1", TimeSpan.FromSeconds(1)));
        await Notifications.AddAsync(Pending("r2", "ticket-1", TimeSpan.FromSeconds(2)));
        await Notifications.AddAsync(Pending("r3", "ticket-9", TimeSpan.FromMinutes(30))); // not due yet
        var settled = await Notifications.AddAsync(Pending("r4", "ticket-1", TimeSpan.Zero));
        await Notifications.MarkEmailedAsync("r4", settled.Id, Time.GetUtcNow());

        var overdue = await Notifications.ListEmailOverdueAsync(Time.GetUtcNow().AddMinutes(5), 10);

        Assert.Equal([new PendingEmail("r1", "ticket-1"), new PendingEmail("r2", "ticket-1")], overdue.OrderBy(p => p.RecipientId, StringComparer.Ordinal));
        Assert.Single(await Notifications.ListEmailOverdueAsync(Time.GetUtcNow().AddMinutes(5), 1));
    }
}
