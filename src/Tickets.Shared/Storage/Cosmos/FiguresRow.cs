using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>The fields of a ticket the figures need, projected by the stats query (not the whole document).</summary>
internal sealed record FiguresRow(
    TicketStatus Status, int PriorityRank, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt, SlaState Sla)
{
    public TicketFigures ToFigures() => new(Status, (Priority)PriorityRank, CreatedAt, FirstResponseAt, ResolvedAt, Sla);
}
