using System.Collections.Concurrent;
using System.Globalization;

namespace Tickets.Sla;

/// <summary>A stretch of working hours within a day, as times since local midnight; <see cref="End"/> may be 24:00.</summary>
public readonly record struct WorkingPeriod(TimeSpan Start, TimeSpan End)
{
    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(TimeSpan time) =>
        $"{((int)time.TotalHours).ToString("D2", CultureInfo.InvariantCulture)}:{time.Minutes.ToString("D2", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Business time: the working periods of working days in one IANA time zone, holidays excluded. Arithmetic walks day by
/// day and, within a day, period by period — exact to the tick, never minute by minute — and converts each period's local
/// start and end to instants with the zone's rules, so a working day is as long on a daylight-saving change day as on any
/// other. A period boundary in the hour skipped in spring maps to the moment the clock jumps; one in the hour repeated in
/// autumn maps to its first occurrence.
/// </summary>
public sealed class BusinessCalendar : ISlaClock
{
    /// <summary>The id of the calendar the <c>Tickets:Sla:Calendar</c> settings seed (and the name older tickets carry).</summary>
    public const string CalendarName = "business";

    private readonly string _id;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<DayOfWeek, WorkingPeriod[]> _week;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<(int Month, int Day)> _yearly;

    /// <summary>Per year, worked out on first use: each day's working instants, and the running totals of working time.</summary>
    private readonly ConcurrentDictionary<int, Year> _years = new();

    private readonly Func<int, Year> _buildYear;

    /// <summary>The same working hours on every working day (the <c>Tickets:Sla:Calendar</c> settings' shape).</summary>
    /// <param name="periods">Ordered, not overlapping, each ending after it starts, within 00:00–24:00 (checked).</param>
    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> workingDays, IEnumerable<WorkingPeriod> periods, IEnumerable<DateOnly> holidays)
        : this(CalendarName, zone, Same(workingDays, periods), holidays, [])
    {
    }

    /// <param name="id">The calendar's id, copied onto tickets as the calendar their clock runs on.</param>
    /// <param name="week">Each working day's periods: ordered, not overlapping, within 00:00–24:00 (checked); a day not named does not work.</param>
    /// <param name="holidays">Dates that do not work, in the calendar's zone.</param>
    /// <param name="yearlyHolidays">Month and day that do not work in any year (25 December).</param>
    public BusinessCalendar(
        string id, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week, IEnumerable<DateOnly> holidays,
        IEnumerable<(int Month, int Day)> yearlyHolidays)
    {
        _id = id;
        _zone = zone;
        _week = week.Where(day => day.Value.Count > 0).ToDictionary(day => day.Key, day => day.Value.ToArray());
        _holidays = [.. holidays];
        _yearly = [.. yearlyHolidays];
        _buildYear = BuildYear;
        if (_week.Count == 0) throw new ArgumentException("A business calendar needs at least one working day with working hours.", nameof(week));
        foreach (var periods in _week.Values)
        {
            for (var i = 0; i < periods.Length; i++)
            {
                var (start, end) = (periods[i].Start, periods[i].End);
                if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || end <= start || (i > 0 && start < periods[i - 1].End))
                    throw new ArgumentException($"Working hours must be ordered, not overlapping, and within 00:00-24:00: {string.Join(",", periods)}.", nameof(week));
            }
        }
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Same(IEnumerable<DayOfWeek> days, IEnumerable<WorkingPeriod> periods)
    {
        IReadOnlyList<WorkingPeriod> list = [.. periods];
        if (list.Count == 0) throw new ArgumentException("A business calendar needs working hours.", nameof(periods));
        var week = days.Distinct().ToDictionary(day => day, _ => list);
        if (week.Count == 0) throw new ArgumentException("A business calendar needs at least one working day.", nameof(days));
        return week;
    }

    public string Name => _id;

    public TimeZoneInfo TimeZone => _zone;

    public DateTimeOffset Add(DateTimeOffset from, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        if (time == TimeSpan.Zero) return from.ToUniversalTime();

        // Terminates: there is at least one working day a week, and holidays are a finite list.
        var left = time;
        for (var day = LocalDate(from); ; day = day.AddDays(1))
        {
            foreach (var (start, end) in WorkingTime(day))
            {
                if (end <= from) continue;
                var begin = start > from ? start : from;
                var available = end - begin;
                if (left <= available) return (begin + left).ToUniversalTime();
                left -= available;
            }
        }
    }

    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -Between(to, from);

        // The first and last days are clipped to the instants; the days between count whole, from per-year running
        // totals of the same day-by-day walk, so a ticket months overdue costs what a fresh one does.
        var first = LocalDate(from);
        var last = LocalDate(to);
        var total = Clipped(first, from, to);
        if (last > first)
        {
            total += Clipped(last, from, to);
            if (last.DayNumber - first.DayNumber > 1) total += WholeDays(first.AddDays(1), last.AddDays(-1));
        }

        return total;
    }

    private TimeSpan Clipped(DateOnly day, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in WorkingTime(day))
        {
            var begin = start > from ? start : from;
            var finish = end < to ? end : to;
            if (finish > begin) total += finish - begin;
        }

        return total;
    }

    /// <summary>The working time of the days <paramref name="first"/> to <paramref name="last"/>, both whole.</summary>
    private TimeSpan WholeDays(DateOnly first, DateOnly last)
    {
        long ticks = 0;
        for (var year = first.Year; year <= last.Year; year++)
        {
            var totals = YearOf(year).Totals;
            var from = year == first.Year ? first.DayOfYear - 1 : 0;
            var to = year == last.Year ? last.DayOfYear : totals.Length - 1;
            ticks += totals[to] - totals[from];
        }

        return TimeSpan.FromTicks(ticks);
    }

    /// <summary>
    /// A year of the calendar: <see cref="Days"/> holds each local day's working instants (index 0 = 1 January), and
    /// <see cref="Totals"/> the working time of the days before each day, in ticks. Lists evaluate the SLA of every item on
    /// every request, so the zone's rules are applied once per day of the year, not once per item.
    /// </summary>
    private sealed record Year((DateTimeOffset Start, DateTimeOffset End)[][] Days, long[] Totals);

    private Year YearOf(int year) => _years.GetOrAdd(year, _buildYear);

    private Year BuildYear(int year)
    {
        var count = DateTime.IsLeapYear(year) ? 366 : 365;
        var days = new (DateTimeOffset Start, DateTimeOffset End)[count][];
        var totals = new long[count + 1];
        var day = new DateOnly(year, 1, 1);
        for (var i = 0; i < count; i++, day = day.AddDays(1))
        {
            days[i] = WorkingInstants(day);
            totals[i + 1] = totals[i] + days[i].Sum(period => (period.End - period.Start).Ticks);
        }

        return new Year(days, totals);
    }

    public SlaCalendarView Describe() => new(
        _id,
        _zone.Id,
        [.. _week.Keys.Order()],
        [.. _week.Values.SelectMany(periods => periods).Distinct().OrderBy(p => p.Start).ThenBy(p => p.End).Select(p => p.ToString())],
        [.. _holidays.Order()])
    {
        Week = [.. _week.OrderBy(day => day.Key).Select(day => new SlaCalendarDay(day.Key, [.. day.Value.Select(p => p.ToString())]))],
        YearlyHolidays = [.. _yearly.Order().Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Month:D2}-{d.Day:D2}"))],
    };

    /// <summary>The instants a local day works, in order; none on a weekend day or a holiday.</summary>
    private (DateTimeOffset Start, DateTimeOffset End)[] WorkingTime(DateOnly day) => YearOf(day.Year).Days[day.DayOfYear - 1];

    private (DateTimeOffset Start, DateTimeOffset End)[] WorkingInstants(DateOnly day)
    {
        if (!_week.TryGetValue(day.DayOfWeek, out var periods) || _holidays.Contains(day) || _yearly.Contains((day.Month, day.Day))) return [];

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var instants = new List<(DateTimeOffset Start, DateTimeOffset End)>(periods.Length);
        foreach (var period in periods)
        {
            var start = Instant(midnight + period.Start);
            var end = Instant(midnight + period.End);
            // Only a period lying wholly inside the skipped spring hour can come out empty.
            if (end > start) instants.Add((start, end));
        }

        return [.. instants];
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>The first instant at which the zone's wall clock shows <paramref name="local"/> or later.</summary>
    private DateTimeOffset Instant(DateTime local)
    {
        if (_zone.IsInvalidTime(local))
        {
            // Skipped (spring forward): the wall clock jumps over it, so the answer is the jump itself, i.e. the end of the
            // last valid minute before the gap, read with the offset in force before it.
            var before = local;
            do before = before.AddMinutes(-1);
            while (_zone.IsInvalidTime(before));
            return Utc(before.AddMinutes(1), _zone.GetUtcOffset(before));
        }

        // Repeated (fall back): the first pass, which has the larger (summer) offset.
        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return Utc(local, offset);
    }

    private static DateTimeOffset Utc(DateTime local, TimeSpan offset) => new(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
}
