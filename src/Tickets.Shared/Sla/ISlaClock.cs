namespace Tickets.Sla;

/// <summary>
/// The time an SLA counts: every instant (<see cref="TwentyFourSeven"/>) or only working hours (<see cref="BusinessCalendar"/>).
/// Due times and warning points are instants; the durations in between are measured on this clock.
/// </summary>
public interface ISlaClock
{
    /// <summary>What a priority's <c>Calendar</c> setting names: <c>24x7</c> or <c>business</c>; copied onto the ticket.</summary>
    string Name { get; }

    /// <summary>
    /// The instant at which <paramref name="time"/> of counted time has run from <paramref name="from"/> (never negative).
    /// When it runs out exactly at the end of working hours, that end is the answer, not the next morning.
    /// </summary>
    DateTimeOffset Add(DateTimeOffset from, TimeSpan time);

    /// <summary>Counted time from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    TimeSpan Between(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The calendar as <c>GET /tickets/{id}/sla</c> shows it.</summary>
    SlaCalendarView Describe();
}
