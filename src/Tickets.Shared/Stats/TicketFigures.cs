using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.Stats;

/// <summary>The fields of one ticket the figures need, as each store projects them (never the whole document).</summary>
public sealed record TicketFigures(
    TicketStatus Status,
    Priority Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    SlaState Sla)
{
    public bool IsWorkOpen => Status is TicketStatus.Open or TicketStatus.InProgress or TicketStatus.OnHold;
}
