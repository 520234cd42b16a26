using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary>
/// What both stores keep beside a ticket's document so lists can filter, sort and search on it: one definition, each
/// adapter only chooses the column type (ticks in SQLite, sortable ISO strings in Cosmos).
/// </summary>
public sealed record TicketIndexFields(string SearchText, SlaPhase SlaPhase, DateTimeOffset SlaDueAt, DateTimeOffset SlaWarningAt)
{
    /// <summary>"Never": finished tickets sort after every running SLA target and never warn.</summary>
    public static readonly DateTimeOffset Never = DateTimeOffset.MaxValue;

    public static TicketIndexFields Of(Ticket ticket)
    {
        var standing = SlaStanding.Of(ticket);
        return new TicketIndexFields(
            SearchTextOf(ticket),
            standing.Phase,
            ticket.IsWorkOpen ? standing.DueAt : Never,
            ticket.IsWorkOpen ? standing.WarningAt : Never);
    }

    /// <summary>Folded "TCK-000123 title description": what <c>q</c> searches (the query folds its text the same way).</summary>
    public static string SearchTextOf(Ticket ticket) => Text.Fold($"{ticket.DisplayNumber} {ticket.Title} {ticket.Description}");

    /// <summary>The running SLA target's due time (first response until there is one, then resolution); <see cref="Never"/> once work is finished.</summary>
    public static DateTimeOffset SlaDueOf(Ticket ticket) => ticket.IsWorkOpen ? SlaStanding.Of(ticket).DueAt : Never;
}
