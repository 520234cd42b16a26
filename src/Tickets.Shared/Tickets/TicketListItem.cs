using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary>
/// A ticket as lists show it (<c>GET /tickets</c>): what a card or a queue needs, without the description (up to 10,000
/// characters each), with what the caller may do to it now and the SLA as its server-computed condition only. <c>GET /tickets/{id}</c> has the whole ticket.
/// </summary>
public sealed record TicketListItem(
    string Id,
    string Number,
    string Title,
    Priority Priority,
    string? Category,
    TicketStatus Status,
    Requester Requester,
    Assignee? Assignee,
    TicketTeam? Team,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int CommentCount,
    TicketListSla Sla,
    string Etag,
    TicketActions Actions,
    [property: System.ComponentModel.Description("Staff-internal labels (staff only: absent for requesters).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? Tags = null)
{
    public static TicketListItem Of(Ticket t, SlaStatus sla, Actor caller) => new(
        t.Id, t.DisplayNumber, t.Title, t.Priority, t.Category, t.Status, t.Requester, t.Assignee, t.Team, t.CreatedAt, t.UpdatedAt,
        t.CommentCount, new TicketListSla(t.Sla.Calendar, t.Sla.EscalationLevel, sla.State, sla.Target, sla.DueAt, sla.WarningAt, sla.RemainingMinutes), t.ETag,
        t.ActionsFor(caller), TicketView.TagsFor(t, caller));
}

/// <summary>The running target's condition now, as on the full ticket's <c>sla</c>, and the calendar its minutes count in.</summary>
public sealed record TicketListSla(string Calendar, int EscalationLevel, SlaCondition State, SlaTargetKind Target, DateTimeOffset DueAt, DateTimeOffset WarningAt, long? RemainingMinutes);
