using System.Globalization;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// A local host whose SLA moves in seconds: critical is due one second after creation, high warns after 1.2 s (0.1 % of
/// 20 min), and medium runs on a business calendar whose only working day is three days away, so its clock stands still.
/// </summary>
public sealed class FastSlaHost : IAsyncLifetime
{
    public TicketWorld World { get; } = new();

    /// <summary>A weekday that is neither today nor the next two days (UTC), whatever day the tests run.</summary>
    public static DayOfWeek WorkingDay { get; } = DateTime.UtcNow.AddDays(3).DayOfWeek;

    public Task InitializeAsync()
    {
        var settings = World.Host.Settings;
        settings["Tickets:Sla:WarningAt"] = "0.001";
        settings["Tickets:Sla:Critical:FirstResponse"] = "00:00:01";
        settings["Tickets:Sla:High:FirstResponse"] = "00:20:00";
        settings["Tickets:Sla:High:Calendar"] = "24x7";
        settings["Tickets:Sla:Medium:Calendar"] = "business";
        settings["Tickets:Sla:Calendar:TimeZone"] = "UTC";
        settings["Tickets:Sla:Calendar:WorkingDays"] = WorkingDay.ToString();
        settings["Tickets:Sla:Calendar:WorkingHours"] = "09:00-14:00,15:00-18:00";
        return World.InitializeAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

public sealed class SlaConditionTests(FastSlaHost host) : IClassFixture<FastSlaHost>
{
    private TicketWorld World => host.World;

    [Fact]
    public async Task SlaReportShowsTheBusinessCalendarAndTheBusinessMinutesLeft()
    {
        var ticket = await World.User.CreateTicketAsync(priority: "medium");

        var sla = await (await World.User.GetAsync($"api/tickets/{ticket.Id()}/sla")).JsonAsync();

        var calendar = sla.GetProperty("calendar");
        Assert.Equal(("business", "UTC"), (calendar.Str("name"), calendar.Str("timeZone")));
        Assert.Equal([JsonNamingDay(FastSlaHost.WorkingDay)], calendar.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["09:00-14:00", "15:00-18:00"], calendar.GetProperty("workingHours").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("on_track", sla.Str("state"));
        // No working time passes before the working day: the whole 8 h target is left, to the minute.
        Assert.Equal(480, sla.GetProperty("firstResponse").GetProperty("remainingMinutes").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, sla.GetProperty("firstResponse").GetProperty("warningAt").ValueKind);
    }

    [Fact]
    public async Task TicketViewCarriesTheServerComputedCondition()
    {
        var ticket = await World.User.CreateTicketAsync(priority: "medium");

        var sla = (await World.User.GetTicketAsync(ticket.Id())).GetProperty("sla");

        Assert.Equal(("on_track", "first_response", "business"), (sla.Str("state"), sla.Str("target"), sla.Str("calendar")));
        Assert.Equal(480, sla.GetProperty("remainingMinutes").GetInt64());
        Assert.True(DateTimeOffset.Parse(sla.Str("warningAt"), CultureInfo.InvariantCulture) < DateTimeOffset.Parse(sla.Str("dueAt"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ListsFilterOnTheSlaConditionAsTimePasses()
    {
        var (user, _, _) = await World.Host.NewUserAsync();
        var overdue = (await user.CreateTicketAsync("Servidor caído", priority: "critical")).Id();
        var atRisk = (await user.CreateTicketAsync("Correo lento", priority: "high")).Id();
        var onTrack = (await user.CreateTicketAsync("Cambio de monitor", priority: "medium")).Id();

        var urgent = await EventuallyAsync(user, "api/tickets?sla=at_risk,breached", ids => ids.Count == 2);

        Assert.Equal(new[] { overdue, atRisk }.Order(), urgent.Order());
        Assert.Equal([overdue], await IdsAsync(user, "api/tickets?sla=breached"));
        Assert.Equal([onTrack], await IdsAsync(user, "api/tickets?sla=on_track"));
        Assert.Equal([overdue, atRisk, onTrack], await IdsAsync(user, "api/tickets?sla=on_track,at_risk,breached&sort=slaDue"));
    }

    [Fact]
    public async Task TicketOnHoldIsListedAsPaused()
    {
        var (user, _, _) = await World.Host.NewUserAsync();
        var id = (await user.CreateTicketAsync(priority: "medium")).Id();
        await World.Admin.AssignAsync(id, World.TechnicianId);
        await World.Technician.SetStatusAsync(id, "in_progress");
        await World.Technician.SetStatusAsync(id, "on_hold");

        Assert.Equal([id], await IdsAsync(user, "api/tickets?sla=paused"));
        Assert.Empty(await IdsAsync(user, "api/tickets?sla=on_track,at_risk,breached,met"));
    }

    [Fact]
    public async Task UnknownSlaConditionIsA400NamingTheParameter()
    {
        var problem = await (await World.User.GetAsync("api/tickets?sla=late")).ProblemAsync(400);

        Assert.Equal(["sla"], problem.FieldErrors());
    }

    private static string JsonNamingDay(DayOfWeek day) => day.ToString().ToLowerInvariant();

    private static async Task<List<string>> IdsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.Id()).ToList();
    }

    /// <summary>Lists until the answer satisfies <paramref name="done"/>: the SLA clock runs on the host's real time.</summary>
    private static async Task<List<string>> EventuallyAsync(HttpClient client, string url, Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var ids = await IdsAsync(client, url);
            if (done(ids) || DateTime.UtcNow > deadline) return ids;
            await Task.Delay(100);
        }
    }
}
