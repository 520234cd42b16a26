namespace Tickets.Reports;

/// <summary>
/// What a report covers: tickets created in [<see cref="From"/>, <see cref="To"/>), optionally of one team and one
/// category (not deleted). <see cref="DayStarts"/> are the instants each day of the range starts, in the organisation's
/// zone, with the end of the last day after them: created and resolved are counted per day between them. Backlog
/// ages are measured at <see cref="Now"/>.
/// </summary>
public sealed record ReportFilter(
    DateTimeOffset From, DateTimeOffset To, string? TeamId, string? Category, IReadOnlyList<DateTimeOffset> DayStarts, DateTimeOffset Now);
