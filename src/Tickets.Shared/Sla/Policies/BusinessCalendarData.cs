using System.Globalization;

namespace Tickets.Sla.Policies;

/// <summary>A stretch of a working day, <c>08:00</c> to <c>14:00</c> (<c>to</c> may be <c>24:00</c>).</summary>
public sealed record TimeRange(string From, string To);

/// <summary>One day of a calendar's week (<c>monday</c> … <c>sunday</c>) and its working ranges; a day not listed does not work.</summary>
public sealed record CalendarDay(string Day, IReadOnlyList<TimeRange> Ranges);

/// <summary>A day off: <c>2026-12-25</c>; <c>yearly</c> repeats its month and day every year.</summary>
public sealed record Holiday(string Date, string Name, bool Yearly);

/// <summary>
/// A business calendar as stored: an IANA time zone, the week (several ranges a day allowed) and holidays. A policy version
/// keeps a copy of its calendar as it was when the version was made, so a ticket's clock never changes under it.
/// </summary>
public sealed record CalendarDefinition(string Id, string Name, string TimeZone, IReadOnlyList<CalendarDay> Week, IReadOnlyList<Holiday> Holidays)
{
    public static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The arithmetic of this calendar (it must have passed <see cref="CalendarRules"/>).</summary>
    public BusinessCalendar ToClock()
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var day in Week)
        {
            var periods = day.Ranges.Select(r => new WorkingPeriod(CalendarRules.Time(r.From)!.Value, CalendarRules.Time(r.To)!.Value))
                .OrderBy(p => p.Start).ToList();
            if (periods.Count > 0) week[CalendarRules.Day(day.Day)!.Value] = periods;
        }

        var dated = Holidays.Where(h => !h.Yearly).Select(h => CalendarRules.Date(h.Date)!.Value);
        var yearly = Holidays.Where(h => h.Yearly).Select(h => CalendarRules.Date(h.Date)!.Value).Select(d => (d.Month, d.Day));
        return new BusinessCalendar(Id, TimeZoneInfo.FindSystemTimeZoneById(TimeZone), week, dated, yearly);
    }
}

/// <summary>A calendar with its entity tag and when it last changed.</summary>
public sealed record StoredCalendar(CalendarDefinition Calendar, string ETag, DateTimeOffset UpdatedAt)
{
    public CalendarView ToView() =>
        new(Calendar.Id, Calendar.Name, Calendar.TimeZone, Calendar.Week, Calendar.Holidays, UpdatedAt, ETag);
}

/// <summary>A business calendar as the API shows it.</summary>
public sealed record CalendarView(
    string Id, string Name, string TimeZone, IReadOnlyList<CalendarDay> Week, IReadOnlyList<Holiday> Holidays, DateTimeOffset UpdatedAt, string Etag);

/// <summary>Parsing and checking the pieces of a calendar; every problem names its field (<c>week[0].ranges[1].to</c>).</summary>
public static class CalendarRules
{
    public static DayOfWeek? Day(string? name) =>
        Array.FindIndex(CalendarDefinition.DayNames, d => d.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? (DayOfWeek)i : null;

    /// <summary>HH:mm from 00:00 to 24:00.</summary>
    public static TimeSpan? Time(string? text)
    {
        if (text == "24:00") return TimeSpan.FromDays(1);
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan() : null;
    }

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static bool IsZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }
}
