namespace Tickets.Sla;

/// <summary>
/// Where a ticket's SLA stands now, computed by the server (<see cref="SlaPolicy.Evaluate"/>): the running target is on
/// track, at risk (past its warning point, not yet due), breached, or the clock is paused (on hold); a finished ticket met
/// its SLA or breached it. Lists filter on it: <c>GET /tickets?sla=at_risk,breached</c>.
/// </summary>
public enum SlaCondition
{
    OnTrack,
    AtRisk,
    Breached,
    Paused,
    Met,
}

/// <summary>The two targets of a ticket's SLA.</summary>
public enum SlaTargetKind
{
    FirstResponse,
    Resolution,
}

/// <summary>The server-computed SLA condition of a ticket: the running target, its times and the business minutes left.</summary>
/// <param name="RemainingMinutes">
/// Counted minutes (business minutes on a business calendar) until the running target is due, negative once overdue,
/// frozen while paused; null once the ticket is resolved or closed.
/// </param>
public sealed record SlaStatus(
    SlaCondition State,
    SlaTargetKind Target,
    DateTimeOffset DueAt,
    DateTimeOffset WarningAt,
    long? RemainingMinutes);
