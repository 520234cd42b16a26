namespace Tickets.Sla;

/// <summary>
/// The calendar a ticket's clock runs on, as <c>GET /tickets/{id}/sla</c> shows it: <c>24x7</c> (the other fields null) or
/// a business calendar (its id as <see cref="Name"/>) with its time zone, working days, working hours (<c>09:00-18:00</c>,
/// every range of any day), holidays, and the week day by day.
/// </summary>
public sealed record SlaCalendarView(
    string Name,
    string? TimeZone,
    IReadOnlyList<DayOfWeek>? WorkingDays,
    IReadOnlyList<string>? WorkingHours,
    IReadOnlyList<DateOnly>? Holidays)
{
    /// <summary>Each working day's ranges; null for 24×7.</summary>
    public IReadOnlyList<SlaCalendarDay>? Week { get; init; }

    /// <summary>Holidays every year, as <c>MM-dd</c>; null for 24×7.</summary>
    public IReadOnlyList<string>? YearlyHolidays { get; init; }
}

/// <summary>One working day of a business calendar and its ranges (<c>08:00-14:00</c>).</summary>
public sealed record SlaCalendarDay(DayOfWeek Day, IReadOnlyList<string> Ranges);
