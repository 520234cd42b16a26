using System.Globalization;

namespace Tickets.Sla;

/// <summary>
/// <c>Tickets:Sla:Calendar</c>: the business calendar. Lists are comma-separated, so one environment variable holds each:
/// <c>TimeZone</c> an IANA zone (<c>Europe/Madrid</c>), <c>WorkingDays</c> English day names (<c>Monday,…,Friday</c>),
/// <c>WorkingHours</c> one or more periods (<c>09:00-18:00</c>, or <c>09:00-14:00,15:00-18:00</c> with a lunch break),
/// <c>Holidays</c> dates (<c>2026-01-01,2026-01-06</c>).
/// </summary>
public sealed class SlaCalendarOptions
{
    public string TimeZone { get; set; } = "UTC";

    public string WorkingDays { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    public string WorkingHours { get; set; } = "09:00-18:00";

    public string? Holidays { get; set; }

    /// <summary>The calendar these settings describe, or null after adding every problem (naming its key under <paramref name="section"/>) to <paramref name="problems"/>.</summary>
    public BusinessCalendar? Build(string section, ICollection<string> problems)
    {
        var before = problems.Count;
        var zone = Zone(section, problems);
        var days = Days(section, problems);
        var periods = Periods(section, problems);
        var holidays = HolidayDates(section, problems);
        return problems.Count == before ? new BusinessCalendar(zone!, days, periods, holidays) : null;
    }

    private TimeZoneInfo? Zone(string section, ICollection<string> problems)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone?.Trim() ?? "");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problems.Add($"{section}:TimeZone: '{TimeZone}' is not a known IANA time zone (e.g. Europe/Madrid, UTC).");
            return null;
        }
    }

    private List<DayOfWeek> Days(string section, ICollection<string> problems)
    {
        var days = new List<DayOfWeek>();
        var items = Split(WorkingDays);
        foreach (var item in items)
        {
            // Full English names or their first three letters, in any case.
            var day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d =>
                item.Equals($"{d}", StringComparison.OrdinalIgnoreCase) || item.Equals($"{d}"[..3], StringComparison.OrdinalIgnoreCase));
            if (day is null) problems.Add($"{section}:WorkingDays: '{item}' is not a day: use English names, e.g. Monday,Tuesday.");
            else if (!days.Contains(day.Value)) days.Add(day.Value);
        }

        if (items.Count == 0) problems.Add($"{section}:WorkingDays: name at least one day, e.g. Monday,Tuesday,Wednesday,Thursday,Friday.");
        return days;
    }

    private List<WorkingPeriod> Periods(string section, ICollection<string> problems)
    {
        var periods = new List<WorkingPeriod>();
        var items = Split(WorkingHours);
        foreach (var item in items)
        {
            var parts = item.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Time(parts[0]) is { } start && Time(parts[1]) is { } end && end > start)
                periods.Add(new WorkingPeriod(start, end));
            else
                problems.Add($"{section}:WorkingHours: '{item}' is not a period: use HH:mm-HH:mm with the end after the start, e.g. 09:00-18:00.");
        }

        if (items.Count == 0) problems.Add($"{section}:WorkingHours: give at least one period, e.g. 09:00-18:00.");
        periods.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < periods.Count; i++)
        {
            if (periods[i].Start < periods[i - 1].End)
                problems.Add($"{section}:WorkingHours: {periods[i - 1]} and {periods[i]} overlap.");
        }

        return periods;
    }

    private List<DateOnly> HolidayDates(string section, ICollection<string> problems)
    {
        var dates = new List<DateOnly>();
        foreach (var item in Split(Holidays))
        {
            if (DateOnly.TryParseExact(item, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) dates.Add(date);
            else problems.Add($"{section}:Holidays: '{item}' is not a date: use yyyy-MM-dd, e.g. 2026-12-25.");
        }

        return dates;
    }

    /// <summary>HH:mm from 00:00 to 24:00.</summary>
    private static TimeSpan? Time(string text)
    {
        if (text == "24:00") return TimeSpan.FromDays(1);
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan() : null;
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
