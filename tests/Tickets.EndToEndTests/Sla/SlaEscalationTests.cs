using System.Text.Json;
using Tickets.EndToEndTests.Notifications;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Sla;

/// <summary>
/// A host whose critical SLA runs in seconds (first response 8 s, resolution 40 s, warning at 75 %), whose queues poll
/// every half second, whose sweep runs every two seconds and which closes resolved tickets after three.
/// </summary>
public sealed class SlaWorld : IAsyncLifetime
{
    public LocalHost Host { get; } = new()
    {
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 3, "maxPollingInterval": "00:00:00.250", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Sla:Critical:FirstResponse"] = "00:00:08";
        Host.Settings["Tickets:Sla:Critical:Resolution"] = "00:00:40";
        Host.Settings["Tickets:Sla:Sweep:MaxPages"] = "5";
        Host.Settings["Tickets:Sla:SweepSchedule"] = "*/2 * * * * *";
        Host.Settings["Tickets:AutoCloseAfter"] = "00:00:03";
        Host.Settings["Tickets:AutoCloseSchedule"] = "* * * * * *";
        Host.Settings["Tickets:Outbox:RelaySchedule"] = "* * * * * *";
        Host.Settings["Tickets:Outbox:RelayAfter"] = "00:00:01";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>SLA escalation end to end: exact-time checks on real Azurite queues, the sweep, auto-close.</summary>
public sealed class SlaEscalationTests(SlaWorld world) : IClassFixture<SlaWorld>
{
    private LocalHost Host => world.Host;

    private async Task<List<string>> HistoryTypesAsync(string ticketId) =>
        (await (await world.Admin.GetAsync($"api/tickets/{ticketId}/history?limit=100")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(e => e.Str("type")).ToList();

    private async Task<List<string>> WaitForHistoryAsync(string ticketId, Func<List<string>, bool> done, string what) =>
        await Eventually.Until(() => HistoryTypesAsync(ticketId), done, what, TimeSpan.FromSeconds(40));

    private async Task<(Person Requester, Person Tech, JsonElement Ticket)> CriticalTicketAsync(string title, bool assign = true)
    {
        var requester = await NewPersonAsync("user");
        var tech = await NewPersonAsync("technician");
        var ticket = await requester.Client.CreateTicketAsync(title, priority: "critical");
        if (assign) (await world.Admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();
        return (requester, tech, ticket);
    }

    private Task<Person> NewPersonAsync(string role) => Host.NewPersonAsync(world.Admin, role);

    [Fact]
    public async Task AnUntouchedCriticalTicketIsWarnedOnceThenBreachedAndEscalatedOnceAtItsDueTime()
    {
        var (_, tech, ticket) = await CriticalTicketAsync("El servidor de correo está caído");
        var dueAt = ticket.GetProperty("sla").GetProperty("firstResponseDueAt").GetDateTimeOffset();

        var history = await WaitForHistoryAsync(ticket.Id(), h => h.Contains("escalated"), "escalated");
        var escalatedAt = DateTimeOffset.UtcNow;

        Assert.Equal(1, history.Count(t => t == "sla_warning"));
        Assert.Equal(1, history.Count(t => t == "sla_breached"));
        Assert.Equal(1, history.Count(t => t == "escalated"));
        Assert.True(escalatedAt >= dueAt, "escalated before its due time");
        var view = await world.Admin.GetTicketAsync(ticket.Id());
        Assert.Equal((true, 1, "breached"), (view.GetProperty("sla").GetProperty("firstResponseBreached").GetBoolean(),
            view.GetProperty("sla").GetProperty("escalationLevel").GetInt32(), view.GetProperty("sla").Str("state")));
        await NotificationWorld.WaitForNotificationAsync(tech.Client, n => NotificationWorld.About(n, "sla_warning", ticket), "the assignee warned");
        await NotificationWorld.WaitForNotificationAsync(tech.Client, n => NotificationWorld.About(n, "sla_breached", ticket), "the assignee told of the breach");
        await NotificationWorld.WaitForNotificationAsync(world.Admin, n => NotificationWorld.About(n, "sla_breached", ticket), "the admins told of the breach");

        // Nothing more happens to the first response once it is escalated.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, (await HistoryTypesAsync(ticket.Id())).Count(t => t == "escalated"));
    }

    [Fact]
    public async Task ATicketAnsweredInTimeGetsNeitherWarningNorBreachForItsFirstResponse()
    {
        var (_, tech, ticket) = await CriticalTicketAsync("La impresora de dirección no imprime");

        (await tech.Client.CommentAsync(ticket.Id(), "Voy para allá.")).EnsureSuccessStatusCode();
        // Past the first response's due time, and one sweep later.
        await Task.Delay(TimeSpan.FromSeconds(11));

        var history = await HistoryTypesAsync(ticket.Id());
        Assert.Contains("sla_met", history);
        Assert.DoesNotContain("sla_warning", history);
        Assert.DoesNotContain("sla_breached", history);

        // The first response's warning check found nothing to record and handed the chain to the resolution clock,
        // whose warning comes at 30 s (75 % of 40 s).
        var warnings = await Eventually.Until(() => TargetsOfAsync(ticket.Id(), "sla_warning"), w => w.Count > 0, "the resolution warned", TimeSpan.FromSeconds(40));
        Assert.Equal(["resolution"], warnings);
    }

    private async Task<List<string>> TargetsOfAsync(string ticketId, string type) =>
        (await (await world.Admin.GetAsync($"api/tickets/{ticketId}/history?limit=100")).JsonAsync())
            .GetProperty("items").EnumerateArray().Where(e => e.Str("type") == type).Select(e => e.GetProperty("data").Str("target")).ToList();

    [Fact]
    public async Task TheSameCheckMessageDeliveredTwiceChangesNothingTheSecondTime()
    {
        var (_, _, ticket) = await CriticalTicketAsync("La VPN se corta");
        await WaitForHistoryAsync(ticket.Id(), h => h.Contains("escalated"), "escalated");
        var before = await HistoryTypesAsync(ticket.Id());
        var sla = (await world.Admin.GetTicketAsync(ticket.Id())).GetProperty("sla");
        var check = JsonSerializer.Serialize(new
        {
            ticketId = ticket.Id(), target = "first_response", point = "due",
            at = sla.GetProperty("firstResponseDueAt").GetDateTimeOffset(), generation = 1,
        });

        await Host.Queues.SendAsync("sla-checks", check);
        await Host.Queues.SendAsync("sla-checks", check);
        // The queue is polled every quarter second; both copies have run well within this.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(before, await HistoryTypesAsync(ticket.Id()));
    }

    [Fact]
    public async Task ACheckMessageLostFromTheQueueIsCaughtByTheSweep()
    {
        var (_, _, ticket) = await CriticalTicketAsync("El ERP da error 500", assign: false);
        // Every check scheduled so far disappears, as if the queue had lost them.
        await Eventually.Until(() => Host.Queues.CountAsync("sla-checks"), count => count > 0, "checks scheduled");
        await Host.Queues.Queue("sla-checks").ClearMessagesAsync();

        var history = await WaitForHistoryAsync(ticket.Id(), h => h.Contains("escalated"), "escalated by the sweep");

        Assert.Equal(1, history.Count(t => t == "sla_breached"));
    }

    [Fact]
    public async Task AResolvedTicketLeftAloneIsClosedByTheSystemAndTheRequesterIsTold()
    {
        var (requester, tech, ticket) = await CriticalTicketAsync("Pedir un cable HDMI");
        (await tech.Client.SetStatusAsync(ticket.Id(), "resolved", "Cable entregado.")).EnsureSuccessStatusCode();

        var closed = await Eventually.Until(() => world.Admin.GetTicketAsync(ticket.Id()), t => t.Str("status") == "closed", "auto-closed", TimeSpan.FromSeconds(30));

        var events = (await (await world.Admin.GetAsync($"api/tickets/{ticket.Id()}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var close = events.Last(e => e.Str("type") == "status_changed");
        Assert.Equal((JsonValueKind.Null, "auto_closed"), (close.GetProperty("actor").ValueKind, close.GetProperty("data").Str("reason")));
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        await NotificationWorld.WaitForNotificationAsync(requester.Client,
            n => NotificationWorld.About(n, "status_changed", ticket) && n.Str("message").Contains("cerrado", StringComparison.Ordinal), "the requester told");
    }
}
