using Tickets.Sla;

namespace Tickets.UnitTests.Sla;

public sealed class BusinessCalendarTests
{
    /// <summary>Madrid office hours, Monday to Friday 09:00–18:00, with Epiphany (Tuesday 6 January 2026) off.</summary>
    private static readonly BusinessCalendar Office = Calendars.Madrid("09:00-18:00", holidays: "2026-01-06");

    private static DateTimeOffset At(string local) => Calendars.MadridTime(local);

    [Theory]
    [InlineData("2026-03-02 10:00", 120, "2026-03-02 12:00")] // within the day
    [InlineData("2026-03-02 17:00", 120, "2026-03-03 10:00")] // past closing: the rest next morning
    [InlineData("2026-03-06 17:00", 120, "2026-03-09 10:00")] // Friday afternoon: the rest on Monday
    [InlineData("2026-03-07 12:00", 60, "2026-03-09 10:00")] // started on a Saturday: counts from Monday's opening
    [InlineData("2026-03-02 07:00", 60, "2026-03-02 10:00")] // before opening
    [InlineData("2026-03-02 20:00", 60, "2026-03-03 10:00")] // after closing
    [InlineData("2026-01-05 17:00", 120, "2026-01-07 10:00")] // the holiday does not count
    public void AddingBusinessTimeSkipsNightsWeekendsAndHolidays(string from, int minutes, string expected) =>
        Assert.Equal(At(expected), Office.Add(At(from), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void TimeRunningOutAtClosingIsDueAtClosingNotNextMorning() =>
        Assert.Equal(At("2026-03-02 18:00"), Office.Add(At("2026-03-02 09:00"), TimeSpan.FromHours(9)));

    [Fact]
    public void LongTargetsWalkWholeWeeks() =>
        // 72 business hours = 8 working days of 9 h: Monday 09:00 → the Wednesday after next, at closing.
        Assert.Equal(At("2026-03-11 18:00"), Office.Add(At("2026-03-02 09:00"), TimeSpan.FromHours(72)));

    [Fact]
    public void AddingNothingLeavesTheInstantWhereItIs() =>
        Assert.Equal(At("2026-03-07 12:00"), Office.Add(At("2026-03-07 12:00"), TimeSpan.Zero));

    [Theory]
    [InlineData("2026-03-06 17:00", "2026-03-09 10:00", 120)] // across a weekend
    [InlineData("2026-03-02 19:00", "2026-03-03 08:30", 0)] // a night
    [InlineData("2026-01-05 17:30", "2026-01-07 09:30", 60)] // a night, a holiday and a night
    [InlineData("2026-03-02 09:00", "2026-03-09 09:00", 5 * 9 * 60)] // a whole week
    [InlineData("2026-03-09 10:00", "2026-03-06 17:00", -120)] // backwards is negative
    public void BetweenCountsOnlyWorkingTime(string from, string to, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Office.Between(At(from), At(to)));

    [Theory]
    [InlineData("2026-03-02 08:00", 1)]
    [InlineData("2026-03-05 17:59", 90)]
    [InlineData("2026-03-06 18:00", 9 * 60)]
    [InlineData("2026-03-27 12:34", 30 * 60 + 7)] // across the spring change
    [InlineData("2026-10-23 16:00", 5 * 9 * 60)] // across the autumn change
    [InlineData("2026-12-31 23:59", 200 * 60)]
    public void BetweenUndoesAdd(string from, int minutes)
    {
        var start = At(from);
        var time = TimeSpan.FromMinutes(minutes);

        Assert.Equal(time, Office.Between(start, Office.Add(start, time)));
    }

    [Fact]
    public void SpansOfYearsAreExactToTheTick()
    {
        var start = At("2026-03-02 09:00");
        var time = TimeSpan.FromMinutes(1_000_000) + TimeSpan.FromTicks(1);

        var due = Office.Add(start, time);

        Assert.Equal(time, Office.Between(start, due));
        Assert.Equal(TimeSpan.FromTicks(1), Office.Between(due - TimeSpan.FromTicks(1), due));
        Assert.InRange(due.Year, 2033, 2033);
    }

    [Fact]
    public void LunchBreakDoesNotCount()
    {
        var split = Calendars.Madrid("09:00-14:00,15:00-18:00");

        Assert.Equal(At("2026-03-02 15:30"), split.Add(At("2026-03-02 13:30"), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(8), split.Between(At("2026-03-02 00:00"), At("2026-03-03 00:00")));
    }

    [Fact]
    public void SpringChangeWeekendKeepsTheWorkingHoursOfEachSide()
    {
        // Friday 27 March 17:00 CET (16:00 UTC) + 2 h → Monday 30 March 10:00 CEST (08:00 UTC).
        var due = Office.Add(At("2026-03-27 17:00"), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(At("2026-03-30 10:00"), due);
    }

    [Fact]
    public void AutumnChangeWeekendKeepsTheWorkingHoursOfEachSide()
    {
        // Friday 23 October 17:00 CEST (15:00 UTC) + 2 h → Monday 26 October 10:00 CET (09:00 UTC).
        var due = Office.Add(At("2026-10-23 17:00"), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.FromHours(2), Office.Between(At("2026-10-23 17:00"), due));
    }

    [Theory]
    [InlineData("2026-03-29", 23)] // spring: 02:00 → 03:00, the day is an hour short
    [InlineData("2026-10-25", 25)] // autumn: 03:00 → 02:00, the day is an hour long
    [InlineData("2026-03-30", 24)]
    public void RoundTheClockCalendarCountsTheRealLengthOfChangeDays(string day, int hours)
    {
        var always = Calendars.Madrid("00:00-24:00", days: "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday");
        var midnight = At($"{day} 00:00");

        Assert.Equal(TimeSpan.FromHours(hours), always.Between(midnight, At($"{DateOnly.Parse(day).AddDays(1):yyyy-MM-dd} 00:00")));
    }

    [Fact]
    public void WorkingDayOnTheSpringChangeDayIsStillNineHours()
    {
        var everyDay = Calendars.Madrid("09:00-18:00", days: "Mon,Tue,Wed,Thu,Fri,Sat,Sun");

        Assert.Equal(TimeSpan.FromHours(9), everyDay.Between(At("2026-03-29 00:00"), At("2026-03-30 00:00")));
        Assert.Equal(At("2026-03-29 10:00"), everyDay.Add(At("2026-03-28 17:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void PeriodStartingInTheSkippedHourStartsWhenTheClockJumps()
    {
        var night = Calendars.Madrid("02:30-04:00", days: "Sunday");

        // 29 March: 02:00 CET jumps to 03:00 CEST (01:00 UTC); work runs to 04:00 CEST (02:00 UTC).
        Assert.Equal(TimeSpan.FromHours(1), night.Between(At("2026-03-29 00:00"), At("2026-03-30 00:00")));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero).AddTicks(1), night.Add(At("2026-03-28 12:00"), TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void PeriodStartingInTheRepeatedHourStartsAtItsFirstPass()
    {
        var night = Calendars.Madrid("02:30-04:00", days: "Sunday");

        // 25 October: 02:30 CEST (00:30 UTC) to 04:00 CET (03:00 UTC), the repeated hour included.
        Assert.Equal(TimeSpan.FromHours(2.5), night.Between(At("2026-10-25 00:00"), At("2026-10-26 00:00")));
    }

    [Fact]
    public void TwentyFourSevenCountsEveryInstant()
    {
        var from = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(from.AddHours(24), TwentyFourSeven.Instance.Add(from, TimeSpan.FromHours(24)));
        Assert.Equal(TimeSpan.FromHours(62), TwentyFourSeven.Instance.Between(At("2026-03-27 17:00"), At("2026-03-30 08:00")));
    }

    [Fact]
    public void DescribesItselfForTheSlaReport()
    {
        var view = Office.Describe();

        Assert.Equal(("business", "Europe/Madrid", "09:00-18:00"), (view.Name, view.TimeZone, Assert.Single(view.WorkingHours!)));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], view.WorkingDays);
        Assert.Equal([new DateOnly(2026, 1, 6)], view.Holidays);
    }
}

/// <summary>Business calendars built from the same settings as configuration, and Madrid wall-clock times.</summary>
internal static class Calendars
{
    private static readonly TimeZoneInfo MadridZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static BusinessCalendar Madrid(string hours, string days = "Monday,Tuesday,Wednesday,Thursday,Friday", string? holidays = null)
    {
        var problems = new List<string>();
        var calendar = new SlaCalendarOptions { TimeZone = "Europe/Madrid", WorkingDays = days, WorkingHours = hours, Holidays = holidays }
            .Build("Tickets:Sla:Calendar", problems);
        Assert.Empty(problems);
        return calendar!;
    }

    /// <summary>"2026-03-02 09:00" on a Madrid wall clock (never a skipped or repeated time), as an instant.</summary>
    public static DateTimeOffset MadridTime(string local)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(time, MadridZone), TimeSpan.Zero);
    }
}
