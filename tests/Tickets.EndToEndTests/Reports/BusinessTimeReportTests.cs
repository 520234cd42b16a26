using System.Text.Json;
using Tickets.EndToEndTests.Notifications;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Reports;

/// <summary>
/// A host whose medium tickets run on a Monday–Friday 09:00–17:00 UTC calendar, on a clock the test moves forward: a
/// ticket opened on a Friday afternoon and answered on Monday morning is reported in business minutes, not in the
/// weekend's wall-clock ones.
/// </summary>
public sealed class BusinessTimeWorld : IAsyncLifetime
{
    public MovableClock Clock { get; } = new();

    public LocalHost Host { get; }

    public BusinessTimeWorld() => Host = new LocalHost { Clock = Clock };

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Sla:Medium:Calendar"] = "business";
        Host.Settings["Tickets:Sla:Calendar:TimeZone"] = "UTC";
        Host.Settings["Tickets:Sla:Calendar:WorkingDays"] = "Monday,Tuesday,Wednesday,Thursday,Friday";
        Host.Settings["Tickets:Sla:Calendar:WorkingHours"] = "09:00-17:00";
        Host.Settings["Tickets:Users:DefaultTimeZone"] = "UTC";
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class BusinessTimeReportTests(BusinessTimeWorld world) : IClassFixture<BusinessTimeWorld>
{
    [Fact]
    public async Task ATicketOpenedOnFridayAfternoonAndAnsweredOnMondayMorningTookTwoBusinessHours()
    {
        // The next Friday at least a day away (the clock only moves forward), 16:00 UTC: one working hour left that week.
        var now = world.Clock.GetUtcNow();
        var friday = now.UtcDateTime.Date.AddDays(1);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(1);
        var opened = new DateTimeOffset(friday.AddHours(16), TimeSpan.Zero);
        var monday = opened.AddDays(3);

        world.Clock.MoveTo(opened);
        var admin = await world.Host.AdminAsync();
        var requester = await world.Host.NewPersonAsync(admin, "user");
        var tech = await world.Host.NewPersonAsync(admin, "technician");
        world.Clock.MoveTo(opened + TimeSpan.FromSeconds(5));
        var ticket = (await requester.Client.CreateTicketAsync("Sin acceso al ERP", priority: "medium")).Id();
        Assert.Equal(200, (int)(await admin.AssignAsync(ticket, tech.Id)).StatusCode);

        // Monday 10:00:30 (60 + 60 working minutes later), then resolved at 12:00:30 (another 120).
        world.Clock.MoveTo(monday.AddHours(-6).AddSeconds(30));
        var techThen = await world.Host.SignInAsync(tech.Email, "Password123!"); // the Friday token expired over the weekend
        Assert.Equal(200, (int)(await techThen.SetStatusAsync(ticket, "in_progress")).StatusCode);
        world.Clock.MoveTo(monday.AddHours(-4).AddSeconds(30));
        var techLater = await world.Host.SignInAsync(tech.Email, "Password123!"); // access tokens last minutes, not hours
        Assert.Equal(200, (int)(await techLater.SetStatusAsync(ticket, "resolved", "Permisos restaurados.")).StatusCode);

        var lead = await world.Host.AdminAsync();
        using var response = await lead.GetAsync($"api/reports/summary?from={friday:yyyy-MM-dd}&to={monday.UtcDateTime:yyyy-MM-dd}");
        Assert.Equal(200, (int)response.StatusCode);
        var report = await response.JsonAsync();

        Assert.Equal((120, 1), Minutes(report.GetProperty("firstResponse")));
        Assert.Equal((240, 1), Minutes(report.GetProperty("resolution")));
        var days = report.GetProperty("createdVsResolved").EnumerateArray().ToList();
        Assert.Equal((1, 0), (days[0].GetProperty("created").GetInt64(), days[0].GetProperty("resolved").GetInt64()));
        Assert.Equal((0, 1), (days[^1].GetProperty("created").GetInt64(), days[^1].GetProperty("resolved").GetInt64()));
    }

    private static (long Median, long Count) Minutes(JsonElement figure) =>
        (figure.GetProperty("medianMinutes").GetInt64(), figure.GetProperty("count").GetInt64());
}
