namespace Tickets.Sla;

/// <summary>Every instant counts: nights, weekends and holidays included.</summary>
public sealed class TwentyFourSeven : ISlaClock
{
    public const string CalendarName = "24x7";

    public static TwentyFourSeven Instance { get; } = new();

    public string Name => CalendarName;

    public DateTimeOffset Add(DateTimeOffset from, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return (from + time).ToUniversalTime();
    }

    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to) => to - from;

    public SlaCalendarView Describe() => new(CalendarName, null, null, null, null);
}
