using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Tickets.DevHost.Triggers;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>The real clock moved forward by an offset the tests set: the host lives, for a test, just before an hour or minute.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    /// <summary>Moves the clock forward (never back: tokens, leases and timers must not see time run backwards) to <paramref name="at"/>.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        var offset = at - base.GetUtcNow();
        if (offset < _offset) throw new InvalidOperationException("The clock only moves forward.");
        _offset = offset;
    }
}

/// <summary>
/// A host whose clock the tests move, with its own SMTP sink, queues that poll every half second, and each notification
/// e-mailed at once (no coalescing) unless the person's settings hold it.
/// </summary>
public sealed class DigestWorld : IAsyncLifetime
{
    public MovableClock Clock { get; } = new();

    public LocalHost Host { get; }

    public DigestWorld() => Host = new LocalHost
    {
        Clock = Clock,
        WithSmtpSink = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.500", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Outbox:RelaySchedule"] = "* * * * * *";
        Host.Settings["Tickets:Outbox:RelayAfter"] = "00:00:01";
        Host.Settings["Tickets:Outbox:SendTimeout"] = "00:00:01";
        Host.Settings["Tickets:PublicUrl"] = "https://tickets.example.org";
        Host.Settings["Tickets:Notifications:CoalesceSeconds"] = "0";
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>Digest mode and quiet hours end to end: the real host, queues and SMTP, on a clock moved to just before the hour.</summary>
public sealed class DigestTests(DigestWorld world) : IClassFixture<DigestWorld>
{
    private LocalHost Host => world.Host;

    private static bool SentTo(ReceivedMail mail, Person person) => mail.To.Any(to => to.Equals(person.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Moves the host's clock to <paramref name="lead"/> before the next whole <paramref name="unit"/> that leaves at least that; returns that instant.</summary>
    private DateTimeOffset MoveToJustBefore(TimeSpan unit, TimeSpan lead)
    {
        var earliest = world.Clock.GetUtcNow() + lead + TimeSpan.FromSeconds(1);
        var boundary = new DateTimeOffset((earliest.UtcTicks + unit.Ticks - 1) / unit.Ticks * unit.Ticks, TimeSpan.Zero);
        world.Clock.MoveTo(boundary - lead);
        return boundary;
    }

    [Fact]
    public async Task ADigestTellsThreeNotificationsOfTwoTicketsInOneMailAtTheChosenHourAndIsNotSentTwice()
    {
        var hour = MoveToJustBefore(TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));
        var admin = await Host.AdminAsync();
        var requester = await Host.NewPersonAsync(admin, "user");
        var tech = await Host.NewPersonAsync(admin, "technician");
        (await tech.Client.PatchAsJsonAsync("api/me", new { notificationMode = "digest", digestHour = hour.Hour, timeZone = "Etc/UTC", language = "en" })).EnsureSuccessStatusCode();
        var printer = await requester.Client.CreateTicketAsync("La impresora no imprime");
        var screen = await requester.Client.CreateTicketAsync("La pantalla <parpadea>");
        (await admin.AssignAsync(printer.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await admin.AssignAsync(screen.Id(), tech.Id)).EnsureSuccessStatusCode();
        (await requester.Client.CommentAsync(printer.Id(), "Sigue sin imprimir.")).EnsureSuccessStatusCode();

        // The inbox has all three at once; no e-mail yet, the hour has not come.
        await Eventually.Until(async () => (await NotificationWorld.InboxAsync(tech.Client)).GetProperty("items").GetArrayLength(), n => n == 3,
            "the technician's inbox holds the three notifications", TimeSpan.FromSeconds(20));
        Assert.True(world.Clock.GetUtcNow() < hour, "the setup took longer than the lead before the digest hour");
        Assert.DoesNotContain(await Host.Mail.MailsAsync(), m => SentTo(m, tech));

        var digest = await Host.Mail.WaitForMailAsync(m => SentTo(m, tech), TimeSpan.FromSeconds(60));
        Assert.True(world.Clock.GetUtcNow() >= hour);
        Assert.Equal("Your Tickets digest: 3 updates on 2 tickets", digest.Subject);
        Assert.Contains($"{printer.Str("number")} · La impresora no imprime", digest.Text, StringComparison.Ordinal);
        Assert.Contains($"{screen.Str("number")} · La pantalla <parpadea>", digest.Text, StringComparison.Ordinal);
        Assert.Contains("La pantalla &lt;parpadea&gt;", digest.Html, StringComparison.Ordinal);
        Assert.Contains($"https://tickets.example.org/tickets/{screen.Str("number")}", digest.Text, StringComparison.Ordinal);
        Assert.Equal(3, digest.Text.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));

        // Every ticket's message came due at the hour; copies of them and the sweep find nothing left to send.
        foreach (var ticket in new[] { printer, screen })
        {
            var message = JsonSerializer.Serialize(new { recipientId = tech.Id, ticketId = ticket.Id() });
            await Task.WhenAll(Host.Queues.SendAsync(QueueNames.NotificationEmails, message), Host.Queues.SendAsync(QueueNames.NotificationEmails, message));
        }

        await Eventually.Until(() => Host.Queues.CountAsync(QueueNames.NotificationEmails), n => n == 0, "notification-emails drained", TimeSpan.FromSeconds(30));
        world.Clock.MoveTo(world.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        await RunTimerAsync("NotificationEmailSweep");
        Assert.Single(await Host.Mail.MailsAsync(), m => SentTo(m, tech));
    }

    [Fact]
    public async Task QuietHoursPostponeAnInstantMailToTheirEnd()
    {
        var end = MoveToJustBefore(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(25));
        var admin = await Host.AdminAsync();
        var requester = await Host.NewPersonAsync(admin, "user");
        var tech = await Host.NewPersonAsync(admin, "technician");
        string Local(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);
        (await requester.Client.PatchAsJsonAsync("api/me", new { timeZone = "Etc/UTC", quietHours = new { from = Local(end.AddHours(-2)), to = Local(end) } })).EnsureSuccessStatusCode();
        var ticket = await requester.Client.CreateTicketAsync("El correo no llega");
        var number = ticket.Str("number");
        (await admin.AssignAsync(ticket.Id(), tech.Id)).EnsureSuccessStatusCode();

        var commented = Stopwatch.StartNew();
        var left = end - world.Clock.GetUtcNow();
        (await tech.Client.CommentAsync(ticket.Id(), "Revisa la carpeta de spam.")).EnsureSuccessStatusCode();
        await NotificationWorld.WaitForNotificationAsync(requester.Client, n => NotificationWorld.About(n, "ticket_commented", ticket), "told of the comment in the app at once");
        Assert.DoesNotContain(await Host.Mail.MailsAsync(), m => SentTo(m, requester) && m.Subject.Contains(number, StringComparison.Ordinal));

        var mail = await Host.Mail.WaitForMailAsync(m => SentTo(m, requester) && m.Subject.Contains(number, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        Assert.Equal($"Respuesta en [{number}] El correo no llega", mail.Subject);
        Assert.True(commented.Elapsed >= left - TimeSpan.FromSeconds(1), $"mailed after {commented.Elapsed}, before the quiet hours ended ({left} after the comment)");
    }

    [Fact]
    public async Task TheSettingsAreShownByMeValidatedNamingTheFieldAndTheDigestIsForStaffOnly()
    {
        var admin = await Host.AdminAsync();
        var tech = await Host.NewPersonAsync(admin, "technician");
        var requester = await Host.NewPersonAsync(admin, "user");

        var fresh = (await (await tech.Client.GetAsync("api/me")).JsonAsync()).GetProperty("user");
        Assert.Equal(("instant", 8, JsonValueKind.Null), (fresh.Str("notificationMode"), fresh.GetProperty("digestHour").GetInt32(), fresh.GetProperty("quietHours").ValueKind));

        var chosen = await (await tech.Client.PatchAsJsonAsync("api/me", new { notificationMode = "digest", digestHour = 17, quietHours = new { from = "22:00", to = "07:00" } })).JsonAsync();
        var shown = (await (await tech.Client.GetAsync("api/me")).JsonAsync()).GetProperty("user");
        Assert.Equal(chosen.GetProperty("user").ToString(), shown.ToString());
        Assert.Equal(("digest", 17, "22:00", "07:00"),
            (shown.Str("notificationMode"), shown.GetProperty("digestHour").GetInt32(), shown.GetProperty("quietHours").Str("from"), shown.GetProperty("quietHours").Str("to")));

        Assert.Equal(["digestHour"], (await (await tech.Client.PatchAsJsonAsync("api/me", new { digestHour = 24 })).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["quietHours.to"], (await (await tech.Client.PatchAsJsonAsync("api/me", new { quietHours = new { from = "22:00", to = "7h" } })).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["notificationMode"], (await (await requester.Client.PatchAsJsonAsync("api/me", new { notificationMode = "digest" })).ProblemAsync(400)).FieldErrors());

        var off = (await (await tech.Client.PatchAsync("api/me", JsonContent.Create(JsonDocument.Parse("""{"quietHours":null}""").RootElement))).JsonAsync()).GetProperty("user");
        Assert.Equal((JsonValueKind.Null, "digest"), (off.GetProperty("quietHours").ValueKind, off.Str("notificationMode")));
    }

    private async Task RunTimerAsync(string name)
    {
        var function = TriggerCatalog.Functions.Timers.Single(f => f.Name == name);
        var invoke = FunctionInvoker.Create<TimerInfo>(function.Name, function.Method, function.Trigger, timer => timer);
        await invoke(Host.Services, new TimerInfo(), CancellationToken.None);
    }
}
