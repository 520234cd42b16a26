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
    public const string CalendarName = "business";

    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly WorkingPeriod[] _periods;
    private readonly HashSet<DateOnly> _holidays;

    /// <param name="periods">Ordered, not overlapping, each ending after it starts, within 00:00–24:00 (checked).</param>
    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> workingDays, IEnumerable<WorkingPeriod> periods, IEnumerable<DateOnly> holidays)
    {
        _zone = zone;
        _workingDays = [.. workingDays];
        _periods = [.. periods];
        _holidays = [.. holidays];
        if (_workingDays.Count == 0) throw new ArgumentException("A business calendar needs at least one working day.", nameof(workingDays));
        if (_periods.Length == 0) throw new ArgumentException("A business calendar needs working hours.", nameof(periods));
        for (var i = 0; i < _periods.Length; i++)
        {
            var (start, end) = (_periods[i].Start, _periods[i].End);
            if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || end <= start || (i > 0 && start < _periods[i - 1].End))
                throw new ArgumentException($"Working hours must be ordered, not overlapping, and within 00:00-24:00: {string.Join(",", _periods)}.", nameof(periods));
        }
    }

    public string Name => CalendarName;

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

        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var day = LocalDate(from); day <= last; day = day.AddDays(1))
        {
            foreach (var (start, end) in WorkingTime(day))
            {
                var begin = start > from ? start : from;
                var finish = end < to ? end : to;
                if (finish > begin) total += finish - begin;
            }
        }

        return total;
    }

    public SlaCalendarView Describe() => new(
        CalendarName,
        _zone.Id,
        [.. _workingDays.Order()],
        [.. _periods.Select(p => p.ToString())],
        [.. _holidays.Order()]);

    /// <summary>The instants a local day works, in order; none on a weekend day or a holiday.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingTime(DateOnly day)
    {
        if (!_workingDays.Contains(day.DayOfWeek) || _holidays.Contains(day)) yield break;

        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        foreach (var period in _periods)
        {
            var start = Instant(midnight + period.Start);
            var end = Instant(midnight + period.End);
            // Only a period lying wholly inside the skipped spring hour can come out empty.
            if (end > start) yield return (start, end);
        }
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
