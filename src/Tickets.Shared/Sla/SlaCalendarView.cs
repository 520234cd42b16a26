namespace Tickets.Sla;

/// <summary>
/// The calendar a ticket's clock runs on, as <c>GET /tickets/{id}/sla</c> shows it: <c>24x7</c> (the other fields null) or
/// <c>business</c> with its time zone, working days, working hours (<c>09:00-18:00</c>) and holidays.
/// </summary>
public sealed record SlaCalendarView(
    string Name,
    string? TimeZone,
    IReadOnlyList<DayOfWeek>? WorkingDays,
    IReadOnlyList<string>? WorkingHours,
    IReadOnlyList<DateOnly>? Holidays);
