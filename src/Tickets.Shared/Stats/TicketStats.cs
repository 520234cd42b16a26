namespace Tickets.Stats;

/// <summary><c>GET /stats</c>.</summary>
public sealed record TicketStats(
    DateTimeOffset From,
    DateTimeOffset To,
    long Total,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByPriority,
    IReadOnlyList<AssigneeLoad> OpenByAssignee,
    SlaFigures Sla,
    double? MeanMinutesToFirstResponse,
    double? MeanMinutesToResolution,
    IReadOnlyList<DayCount> CreatedPerDay);

/// <summary>Open tickets of one assignee; a null id is the unassigned queue.</summary>
public sealed record AssigneeLoad(string? AssigneeId, string? Name, long Open);

/// <summary>
/// Targets with a known outcome: a first response or resolution in time is met; late, or overdue and still
/// pending, is breached. Compliance is met / (met + breached) in percent, null when nothing is known yet.
/// </summary>
public sealed record SlaFigures(long Met, long Breached, double? CompliancePercent);

public sealed record DayCount(DateOnly Day, long Count);
