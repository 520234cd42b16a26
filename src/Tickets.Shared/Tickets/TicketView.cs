using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary>The ticket as the API shows it to one caller, with what that caller may do to it now.</summary>
public sealed record TicketView(
    string Id,
    string Number,
    string Title,
    string Description,
    Priority Priority,
    string? Category,
    TicketStatus Status,
    Requester Requester,
    Assignee? Assignee,
    TicketTeam? Team,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    int CommentCount,
    TicketSlaView Sla,
    string Etag,
    TicketActions Actions)
{
    public static TicketView Of(Ticket t, SlaStatus sla, Actor caller) => new(
        t.Id, t.DisplayNumber, t.Title, t.Description, t.Priority, t.Category, t.Status, t.Requester, t.Assignee, t.Team,
        t.CreatedAt, t.UpdatedAt, t.FirstResponseAt, t.ResolvedAt, t.ClosedAt, t.CommentCount, TicketSlaView.Of(t.Sla, sla), t.ETag,
        t.ActionsFor(caller));
}

/// <summary>Builds ticket views for the caller: the SLA evaluated at the time of the answer, the actions the caller may take now.</summary>
public sealed class TicketViews(SlaPolicy sla, TimeProvider time, Identity.CurrentUser me)
{
    public TicketView Of(Ticket ticket) => TicketView.Of(ticket, sla.Evaluate(ticket, time.GetUtcNow()), Actor.Of(me.User));

    public TicketListItem ListItem(Ticket ticket) => TicketListItem.Of(ticket, sla.Evaluate(ticket, time.GetUtcNow()), Actor.Of(me.User));
}
