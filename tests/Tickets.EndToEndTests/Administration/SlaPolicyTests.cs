using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Administration;

/// <summary>A host whose re-plan queue polls every quarter second; every target 24×7 (the settings' defaults) when seeded.</summary>
public sealed class SlaPolicyWorld : IAsyncLifetime
{
    public LocalHost Host { get; } = new()
    {
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 3, "maxPollingInterval": "00:00:00.250", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Technician { get; private set; } = null!;

    public HttpClient User { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
        Technician = await Host.TechnicianAsync();
        User = await Host.UserAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// SLA policies and calendars as data, through the local host: a running ticket keeps its policy version, a new one gets
/// the newest; apply re-plans open tickets in the background; a holiday moves a due time; every write is audited; only
/// admins write; bad input names its field. Tests of this class run one after another on one host (they change the default).
/// </summary>
public sealed class SlaPolicyTests(SlaPolicyWorld world) : IClassFixture<SlaPolicyWorld>
{
    private HttpClient Admin => world.Admin;

    private static object Targets(double mediumResolution, double mediumFirstResponse = 480) => new
    {
        critical = new { firstResponseMinutes = 60, resolutionMinutes = 240 },
        high = new { firstResponseMinutes = 240, resolutionMinutes = 1440 },
        medium = new { firstResponseMinutes = mediumFirstResponse, resolutionMinutes = mediumResolution },
        low = new { firstResponseMinutes = 1440, resolutionMinutes = 7200 },
    };

    private async Task<JsonElement> PutPolicyAsync(string id, object body)
    {
        var current = await Admin.GetAsync($"api/sla-policies/{id}");
        Assert.Equal(200, (int)current.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/sla-policies/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await Admin.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonElement> SlaAsync(string ticketId) => await (await Admin.GetAsync($"api/tickets/{ticketId}/sla")).JsonAsync();

    private static DateTimeOffset At(JsonElement element, params string[] path)
    {
        foreach (var step in path) element = element.GetProperty(step);
        return element.GetDateTimeOffset();
    }

    [Fact]
    public async Task ARunningTicketKeepsItsPolicyVersionAndANewTicketGetsTheNewest()
    {
        var before = await PutPolicyAsync("default", new { name = "Default", targets = Targets(mediumResolution: 4320), isDefault = true });
        var version = before.GetProperty("version").GetInt32();
        var running = await world.User.CreateTicketAsync("El monitor parpadea", priority: "medium");

        var changed = await PutPolicyAsync("default", new { name = "Default", targets = Targets(mediumResolution: 600), isDefault = true });
        var fresh = await world.User.CreateTicketAsync("El teclado no responde", priority: "medium");

        var runningSla = await SlaAsync(running.Id());
        var freshSla = await SlaAsync(fresh.Id());
        Assert.Equal(version + 1, changed.GetProperty("version").GetInt32());
        Assert.Equal(("default", version, "Default"), (runningSla.Str("policyId"), runningSla.GetProperty("policyVersion").GetInt32(), runningSla.Str("policyName")));
        Assert.Equal(version + 1, freshSla.GetProperty("policyVersion").GetInt32());
        Assert.Equal(TimeSpan.FromHours(72), At(runningSla, "resolution", "dueAt") - At(running, "createdAt"));
        Assert.Equal(TimeSpan.FromMinutes(600), At(freshSla, "resolution", "dueAt") - At(fresh, "createdAt"));
        var kept = await (await Admin.GetAsync($"api/sla-policies/default?version={version}")).JsonAsync();
        Assert.Equal(4320, kept.GetProperty("targets").GetProperty("medium").GetProperty("resolutionMinutes").GetDouble());
    }

    [Fact]
    public async Task ApplyReplansTheOpenTicketsOnTheNewestVersion()
    {
        await PutPolicyAsync("default", new { name = "Default", targets = Targets(mediumResolution: 900) });
        var ticket = await world.User.CreateTicketAsync("La VPN se corta", priority: "medium");
        var from = (await SlaAsync(ticket.Id())).GetProperty("policyVersion").GetInt32();
        var newest = await PutPolicyAsync("default", new { name = "Default", targets = Targets(mediumResolution: 300, mediumFirstResponse: 60) });

        var applied = await Admin.PostAsync("api/sla-policies/default/apply", null);
        Assert.Equal(202, (int)applied.StatusCode);
        var sla = await Eventually.Until(() => SlaAsync(ticket.Id()), s => s.GetProperty("policyVersion").GetInt32() == from + 1,
            "the ticket re-planned", TimeSpan.FromSeconds(60));

        Assert.Equal(newest.GetProperty("version").GetInt32(), sla.GetProperty("policyVersion").GetInt32());
        Assert.Equal(TimeSpan.FromMinutes(300), At(sla, "resolution", "dueAt") - At(ticket, "createdAt"));
        var replans = (await (await Admin.GetAsync($"api/tickets/{ticket.Id()}/history?limit=100")).JsonAsync())
            .GetProperty("items").EnumerateArray().Where(e => e.Str("type") == "sla_replanned").ToList();
        var replan = Assert.Single(replans);
        Assert.Equal((from, from + 1), (replan.GetProperty("data").GetProperty("fromVersion").GetInt32(), replan.GetProperty("data").GetProperty("toVersion").GetInt32()));
    }

    [Fact]
    public async Task AHolidayOnThePolicysCalendarMovesTheDueTimeOfNewTicketsAndOfReplannedOnes()
    {
        var id = $"cal-{Guid.NewGuid():N}"[..20];
        var allDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .Select(day => new { day, ranges = new[] { new { from = "00:00", to = "24:00" } } });
        Assert.Equal(201, (int)(await Admin.PostAsJsonAsync("api/calendars", new { id, name = "Siempre abierto", timeZone = "UTC", week = allDay, holidays = Array.Empty<object>() })).StatusCode);
        var policy = $"p-{Guid.NewGuid():N}"[..18];
        Assert.Equal(201, (int)(await Admin.PostAsJsonAsync("api/sla-policies", new { id = policy, name = "Con calendario", targets = Targets(mediumResolution: 2880, mediumFirstResponse: 60), calendarId = id, isDefault = true })).StatusCode);
        var before = await world.User.CreateTicketAsync("Antes del festivo", priority: "medium");

        var tomorrow = DateTime.UtcNow.Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:{tomorrow}\r\nSUMMARY:Fiesta local\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        using var import = new StringContent(ics, Encoding.UTF8);
        import.Headers.ContentType = new MediaTypeHeaderValue("text/calendar");
        var imported = await Admin.PostAsync($"api/calendars/{id}/holidays/import", import);
        Assert.Equal(200, (int)imported.StatusCode);
        var after = await world.User.CreateTicketAsync("Después del festivo", priority: "medium");

        Assert.Equal(TimeSpan.FromHours(48), At(await SlaAsync(before.Id()), "resolution", "dueAt") - At(before, "createdAt"));
        Assert.Equal(TimeSpan.FromHours(72), At(await SlaAsync(after.Id()), "resolution", "dueAt") - At(after, "createdAt"));
        Assert.Equal(202, (int)(await Admin.PostAsync($"api/sla-policies/{policy}/apply", null)).StatusCode);
        var replanned = await Eventually.Until(() => SlaAsync(before.Id()), s => s.GetProperty("policyVersion").GetInt32() == 2, "re-planned", TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromHours(72), At(replanned, "resolution", "dueAt") - At(before, "createdAt"));
        await PutPolicyAsync("default", new { name = "Default", targets = Targets(mediumResolution: 4320), isDefault = true });
    }

    [Fact]
    public async Task EveryPolicyAndCalendarWriteIsAuditedWithItsActorBeforeAndAfter()
    {
        var adminId = await Admin.MyIdAsync();
        var id = $"audit-{Guid.NewGuid():N}"[..20];
        Assert.Equal(201, (int)(await Admin.PostAsJsonAsync("api/sla-policies", new { id, name = "Auditada", targets = Targets(600) })).StatusCode);
        await PutPolicyAsync(id, new { name = "Auditada", targets = Targets(700), warningAt = 0.5 });
        Assert.Equal(202, (int)(await Admin.PostAsync($"api/sla-policies/{id}/apply", null)).StatusCode);

        var entries = await Admin.AuditOfAsync("slaPolicy", id);

        Assert.Equal(["slaPolicy.created", "slaPolicy.changed", "slaPolicy.applied"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(adminId, e.ActorId));
        var changed = entries[1];
        Assert.Equal((1, 2), (changed.Before!.Value.GetProperty("version").GetInt32(), changed.After!.Value.GetProperty("version").GetInt32()));
        Assert.Equal((0.75, 0.5), (changed.Before.Value.GetProperty("warningAt").GetDouble(), changed.After.Value.GetProperty("warningAt").GetDouble()));
        Assert.Null(entries[0].Before);
    }

    [Fact]
    public async Task OnlyAdminsWritePoliciesAndCalendarsAndStaffReadThem()
    {
        var body = new { id = "nope", name = "No", targets = Targets(600) };
        var calendar = new { id = "nope", name = "No", timeZone = "UTC", week = new[] { new { day = "monday", ranges = new[] { new { from = "09:00", to = "17:00" } } } } };
        foreach (var client in new[] { world.Technician, world.User })
        {
            using var ics = new StringContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Encoding.UTF8, "text/calendar");
            var statuses = new[]
            {
                await client.PostAsJsonAsync("api/sla-policies", body),
                await client.PutAsJsonAsync("api/sla-policies/default", body),
                await client.PostAsync("api/sla-policies/default/apply", null),
                await client.PostAsJsonAsync("api/calendars", calendar),
                await client.PutAsJsonAsync("api/calendars/business", calendar),
                await client.PostAsync("api/calendars/business/holidays/import", ics),
            }.Select(r => (int)r.StatusCode);
            Assert.All(statuses, status => Assert.Equal(403, status));
        }

        Assert.Equal((200, 200), ((int)(await world.Technician.GetAsync("api/sla-policies")).StatusCode, (int)(await world.Technician.GetAsync("api/calendars/business")).StatusCode));
        Assert.Equal(403, (int)(await world.User.GetAsync("api/sla-policies")).StatusCode);
    }

    [Fact]
    public async Task BadPoliciesAndCalendarsAreRefusedNamingTheFieldAndNothingIsStored()
    {
        var targets = new
        {
            critical = new { firstResponseMinutes = 60, resolutionMinutes = 240 },
            high = new { firstResponseMinutes = 240, resolutionMinutes = -5 },
            medium = new { firstResponseMinutes = 480, resolutionMinutes = 4320 },
            low = new { firstResponseMinutes = 1440, resolutionMinutes = 7200 },
        };
        var policy = await Admin.PostAsJsonAsync("api/sla-policies", new { id = "mala", name = "Mala", targets, calendarId = "no-such-calendar", warningAt = 1.5 });
        var calendar = await Admin.PostAsJsonAsync("api/calendars", new
        {
            id = "mal",
            name = "Mal",
            timeZone = "Europe/Madird",
            week = new[] { new { day = "monday", ranges = new[] { new { from = "08:00", to = "14:00" }, new { from = "13:00", to = "12:00" }, new { from = "12:00", to = "15:00" } } } },
        });
        using var stale = new HttpRequestMessage(HttpMethod.Put, "api/calendars/business")
        {
            Content = JsonContent.Create(new { name = "X", timeZone = "UTC", week = new[] { new { day = "monday", ranges = new[] { new { from = "09:00", to = "17:00" } } } } }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"not-the-tag\""));

        var policyFields = (await policy.ProblemAsync(400)).FieldErrors();
        var calendarFields = (await calendar.ProblemAsync(400)).FieldErrors();
        Assert.Superset(new HashSet<string> { "targets.high.resolutionMinutes", "calendarId", "warningAt" }, policyFields.ToHashSet());
        Assert.Superset(new HashSet<string> { "timeZone", "week[0].ranges[1].to", "week[0].ranges[2]" }, calendarFields.ToHashSet());
        Assert.Equal(412, (int)(await Admin.SendAsync(stale)).StatusCode);
        Assert.Equal((404, 404), ((int)(await Admin.GetAsync("api/sla-policies/mala")).StatusCode, (int)(await Admin.GetAsync("api/calendars/mal")).StatusCode));
    }

    [Fact]
    public async Task ANewTicketInACategoryMeasuresWithTheCategorysPolicy()
    {
        var policy = $"vip-{Guid.NewGuid():N}"[..12];
        Assert.Equal(201, (int)(await Admin.PostAsJsonAsync("api/sla-policies", new { id = policy, name = "VIP", targets = Targets(mediumResolution: 90, mediumFirstResponse: 15) })).StatusCode);
        var category = $"vip-{Guid.NewGuid():N}"[..12];
        Assert.Equal(201, (int)(await Admin.PostAsJsonAsync("api/categories", new { id = category, name = "Dirección", slaPolicyId = policy })).StatusCode);

        var ticket = await world.User.CreateTicketAsync("El portátil del director no arranca", priority: "medium", category: category);
        var other = await world.User.CreateTicketAsync("Otro portátil no arranca", priority: "medium");

        var sla = await SlaAsync(ticket.Id());
        Assert.Equal((policy, "VIP"), (sla.Str("policyId"), sla.Str("policyName")));
        Assert.Equal(TimeSpan.FromMinutes(90), At(sla, "resolution", "dueAt") - At(ticket, "createdAt"));
        Assert.NotEqual(policy, (await SlaAsync(other.Id())).Str("policyId"));

        // A category may only name a policy that exists.
        var unknown = await Admin.PostAsJsonAsync("api/categories", new { id = $"x-{Guid.NewGuid():N}"[..12], name = "Sin política", slaPolicyId = "no-such-policy" });
        Assert.Equal(["slaPolicyId"], (await unknown.ProblemAsync(400)).FieldErrors());
    }
}
