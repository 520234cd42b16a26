using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.UnitTests.Sla;

public sealed class SlaOptionsTests
{
    [Fact]
    public void DefaultsAreValidAndRunEveryPriorityAroundTheClock()
    {
        var options = new SlaOptions();

        Assert.Empty(options.Problems());
        Assert.All([options.Critical, options.High, options.Medium, options.Low], t => Assert.False(t.RunsOnBusinessCalendar));
        Assert.Equal(0.75, options.WarningAt);
        Assert.False(options.RaisePriorityOnBreach);
    }

    [Theory]
    [InlineData("Tickets:Sla:Calendar:TimeZone", "Europe/Madird", "Tickets:Sla:Calendar:TimeZone: 'Europe/Madird' is not a known IANA time zone")]
    [InlineData("Tickets:Sla:Calendar:WorkingHours", "18:00-09:00", "Tickets:Sla:Calendar:WorkingHours: '18:00-09:00' is not a period")]
    [InlineData("Tickets:Sla:Calendar:WorkingHours", "09:00-14:00,13:00-18:00", "Tickets:Sla:Calendar:WorkingHours: 09:00-14:00 and 13:00-18:00 overlap")]
    [InlineData("Tickets:Sla:Calendar:WorkingHours", "9am-6pm", "Tickets:Sla:Calendar:WorkingHours: '9am-6pm' is not a period")]
    [InlineData("Tickets:Sla:Calendar:WorkingDays", "Lunes", "Tickets:Sla:Calendar:WorkingDays: 'Lunes' is not a day")]
    [InlineData("Tickets:Sla:Calendar:WorkingDays", "", "Tickets:Sla:Calendar:WorkingDays: name at least one day")]
    [InlineData("Tickets:Sla:Calendar:Holidays", "2026-02-30", "Tickets:Sla:Calendar:Holidays: '2026-02-30' is not a date")]
    [InlineData("Tickets:Sla:High:Calendar", "office", "Tickets:Sla:High:Calendar: 'office' is not a calendar")]
    [InlineData("Tickets:Sla:Low:Resolution", "00:00:00", "Tickets:Sla:Low:Resolution: must be longer than zero")]
    [InlineData("Tickets:Sla:WarningAt", "1.5", "Tickets:Sla:WarningAt: must be a fraction between 0 and 1")]
    public async Task InvalidSettingStopsStartUpNamingItsKey(string key, string value, string message)
    {
        using var host = HostWith(new() { [key] = value });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(refused.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidCalendarSettingsBindFromConfiguration()
    {
        using var host = HostWith(new()
        {
            ["Tickets:Sla:Calendar:TimeZone"] = "Europe/Madrid",
            ["Tickets:Sla:Calendar:WorkingDays"] = "mon, tue, wed, thu",
            ["Tickets:Sla:Calendar:WorkingHours"] = "08:00-15:00",
            ["Tickets:Sla:Calendar:Holidays"] = "2026-12-24, 2026-12-31",
            ["Tickets:Sla:Medium:Calendar"] = "Business",
        });

        var policy = host.Services.GetRequiredService<SlaPolicy>();
        var calendar = policy.ClockFor(Priority.Medium).Describe();

        Assert.Equal(("business", "Europe/Madrid", "08:00-15:00"), (calendar.Name, calendar.TimeZone, Assert.Single(calendar.WorkingHours!)));
        Assert.Equal(4, calendar.WorkingDays!.Count);
        Assert.Equal(2, calendar.Holidays!.Count);
        Assert.Equal("24x7", policy.ClockFor(Priority.Critical).Name);
    }

    private static IHost HostWith(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tickets:Store"] = "Sqlite",
            ["Tickets:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "tickets-tests", $"sla-options-{Guid.NewGuid():N}.db"),
            ["Tickets:Jwt:SigningKeys:0:Id"] = "test",
            ["Tickets:Jwt:SigningKeys:0:Key"] = Convert.ToBase64String(new byte[32]),
            ["Tickets:Queues:Connection"] = "UseDevelopmentStorage=true",
            ["Tickets:Blobs:Connection"] = "UseDevelopmentStorage=true",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTickets(builder.Configuration);
        return builder.Build();
    }
}
