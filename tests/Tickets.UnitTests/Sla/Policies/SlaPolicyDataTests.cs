using Microsoft.Extensions.Options;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Sla.Policies;

public sealed class SlaPolicyDataTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 21, 9, 0, 0, TimeSpan.Zero);

    private static CalendarDefinition Calendar(params Holiday[] holidays) => new("office", "Oficina", "UTC",
        [
            new CalendarDay("monday", [new TimeRange("08:00", "14:00")]),
            new CalendarDay("tuesday", [new TimeRange("08:00", "14:00"), new TimeRange("16:00", "18:00")]),
            new CalendarDay("friday", [new TimeRange("09:00", "10:00")]),
        ],
        holidays);

    [Fact]
    public void EachDayCountsItsOwnRanges()
    {
        var clock = Calendar().ToClock();

        // Monday 09:00 → 14:00 is 5 h; Tuesday 08:00–14:00 and 16:00–18:00 is 8 h; Friday 09:00–10:00 is 1 h.
        Assert.Equal(TimeSpan.FromHours(14), clock.Between(Monday, new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AYearlyHolidayIsOffEveryYear()
    {
        var clock = Calendar(new Holiday("2020-12-25", "Navidad", Yearly: true)).ToClock();

        // Friday 25 December 2026 is Christmas: its hour does not count, so 14 h run to Monday 28 December.
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero), clock.Add(Monday, TimeSpan.FromHours(14)));
    }

    [Fact]
    public void ADatedHolidayIsOffOnlyThatYear()
    {
        var clock = Calendar(new Holiday("2025-12-25", "Navidad 2025", Yearly: false)).ToClock();

        Assert.Equal(new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero), clock.Add(Monday, TimeSpan.FromHours(14)));
    }

    [Fact]
    public void SettingsWithBusinessPrioritiesSeedAPolicyOnTheBusinessCalendarKeepingThe24x7OnesAroundTheClock()
    {
        var settings = new SlaOptions { Medium = new SlaTarget { FirstResponse = TimeSpan.FromSeconds(8), Resolution = TimeSpan.FromHours(72), Calendar = "business" } };

        var (calendar, policy) = SlaSeed.From(settings, Monday);

        Assert.Equal(("business", "business", 1), (calendar.Id, policy.CalendarId, policy.Version));
        Assert.Equal((false, true), (policy.Targets.Medium.TwentyFourSeven, policy.Targets.Critical.TwentyFourSeven));
        Assert.Equal(TimeSpan.FromSeconds(8), policy.Targets.Medium.FirstResponse);
        var seeded = new SlaPolicy(policy, raisePriorityOnBreach: false);
        var fromSettings = new SlaPolicy(Options.Create(settings));
        Assert.Equal((seeded.ClockFor(Priority.Medium).Name, seeded.ClockFor(Priority.Critical).Name), ("business", "24x7"));
        Assert.Equal(fromSettings.Start(Priority.Medium, Monday), seeded.Start(Priority.Medium, Monday));
    }

    [Fact]
    public void SettingsWithEveryPriority24x7SeedA24x7Policy()
    {
        var (_, policy) = SlaSeed.From(new SlaOptions(), Monday);

        Assert.Null(policy.CalendarId);
        Assert.Null(policy.Calendar);
    }

    [Fact]
    public void AReplanMovesTheRunningTargetsOnTheNewVersionAndRecordsIt()
    {
        var ticket = Build.NewTicket(at: Monday);
        var (_, seed) = SlaSeed.From(new SlaOptions(), Monday);
        var newest = new SlaPolicy(seed with { Version = 2, Targets = seed.Targets with { Medium = new PriorityTargets(60, 120) } }, false);

        var change = ticket.ReplanSla(newest, Monday.AddMinutes(5));

        Assert.Equal(("default:v2", Monday.AddMinutes(120)), (change.Ticket.Sla.Policy, change.Ticket.Sla.ResolutionDueAt));
        Assert.Equal(TicketEventType.SlaReplanned, Assert.Single(change.Events).Type);
        Assert.Equal(ticket.Sla.Generation + 1, change.Ticket.Sla.Generation);
    }

    [Fact]
    public void AReplanOfATicketAlreadyOnTheVersionChangesNothing()
    {
        var ticket = Build.NewTicket(at: Monday);

        var change = ticket.ReplanSla(Build.Rules().Sla, Monday.AddMinutes(5));

        Assert.True(change.IsEmpty);
    }

    [Theory]
    [InlineData("default:v1", "default", 1)]
    [InlineData("gold-24:v12", "gold-24", 12)]
    public void APolicyReferenceNamesItsIdAndVersion(string reference, string id, int version)
    {
        Assert.True(SlaPolicyRef.TryParse(reference, out var parsedId, out var parsedVersion));
        Assert.Equal((id, version), (parsedId, parsedVersion));
    }
}

public sealed class ICalendarHolidaysTests
{
    [Fact]
    public void EventsBecomeHolidaysAndAYearlyRuleMakesThemYearly()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Navidad\r\n"
            + "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260406\r\nSUMMARY:Lunes de\r\n  Pascua\\, Cataluña\r\n"
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";

        var holidays = ICalendarHolidays.Parse(ics).Value;

        Assert.Equal(
            [("2026-12-25", "Navidad", true), ("2026-04-06", "Lunes de Pascua, Cataluña", false)],
            holidays.Select(h => (h.Date!, h.Name!, h.Yearly!.Value)));
    }

    [Fact]
    public void ABodyThatIsNotAnICalendarIsRefusedNamingTheBody()
    {
        var refused = ICalendarHolidays.Parse("<html></html>");

        Assert.Equal("body", Assert.Single(refused.Error!.Errors!).Key);
    }
}
