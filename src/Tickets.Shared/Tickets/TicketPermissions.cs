using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>
/// Who may do what to a ticket, besides moving its status (<see cref="StatusMachine"/>). The aggregate's methods
/// and <see cref="TicketActions"/> ask the same questions here, so what a client is offered is what succeeds.
/// </summary>
public static class TicketPermissions
{
    /// <summary>Title, description, category and priority: admins, or the requester while the ticket is open and unassigned.</summary>
    public static bool MayEdit(Ticket ticket, Actor actor) =>
        actor.IsAdmin || (StatusMachine.PartiesOf(ticket, actor).HasFlag(Party.UnassignedRequester) && ticket.Status == Open);

    /// <summary>Priority alone: whoever may edit, and the assignee.</summary>
    public static bool MayChangePriority(Ticket ticket, Actor actor) =>
        MayEdit(ticket, actor) || StatusMachine.PartiesOf(ticket, actor).HasFlag(Party.Assignee);

    /// <summary>Category alone (triage): the same people as the priority.</summary>
    public static bool MayChangeCategory(Ticket ticket, Actor actor) => MayChangePriority(ticket, actor);

    /// <summary>Soft delete: the same people as editing.</summary>
    public static bool MayDelete(Ticket ticket, Actor actor) => MayEdit(ticket, actor);

    /// <summary>Assigning anyone, or unassigning, is for admins.</summary>
    public static bool MayAssign(Actor actor) => actor.IsAdmin;

    /// <summary>Staff may take an unassigned ticket for themselves.</summary>
    public static bool MayTake(Ticket ticket, Actor actor) => actor.IsStaff && ticket.Assignee is null;

    /// <summary>Staff move tickets between teams (not a closed one: reopen it first).</summary>
    public static bool MayChangeTeam(Ticket ticket, Actor actor) => actor.IsStaff;

    /// <summary>Tags are staff-internal labels: technicians and admins set them, on any ticket they see.</summary>
    public static bool MayTag(Actor actor) => actor.IsStaff;

    /// <summary>Links between tickets are staff knowledge: technicians and admins make and remove them.</summary>
    public static bool MayLink(Actor actor) => actor.IsStaff;

    /// <summary>Staff merge a ticket into another.</summary>
    public static bool MayMerge(Actor actor) => actor.IsStaff;

    /// <summary>A ticket is merged once, and not once closed.</summary>
    public static bool IsMergeable(Ticket ticket) => ticket.Status != Closed && ticket.MergedInto is null;

    /// <summary>Who is copied in: the requester and staff (not a CC, who only reads and comments).</summary>
    public static bool MayChangeCcs(Ticket ticket, Actor actor) => actor.IsStaff || ticket.Requester.Id == actor.Id;

    /// <summary>Following is for staff: it tells them of comments, internal notes and status changes.</summary>
    public static bool MayFollow(Actor actor) => actor.IsStaff;

    /// <summary>A closed ticket is not assigned; reopen it first.</summary>
    public static bool IsAssignable(Ticket ticket) => ticket.Status != Closed;

    /// <summary>A closed ticket takes comments from admins only (nobody else could act on them until it is reopened).</summary>
    public static bool MayComment(Ticket ticket, Actor actor) => ticket.Status != Closed || actor.IsAdmin;

    /// <summary>Satisfaction is the requester's word on the resolution: nobody rates it for them.</summary>
    public static bool MayRate(Ticket ticket, Actor actor) => ticket.Requester.Id == actor.Id;

    public static TicketActions For(Ticket ticket, Actor actor) => new(
        Edit: MayEdit(ticket, actor),
        ChangePriority: MayChangePriority(ticket, actor),
        ChangeCategory: MayChangeCategory(ticket, actor),
        Delete: MayDelete(ticket, actor),
        Assign: MayAssign(actor) && IsAssignable(ticket),
        Take: MayTake(ticket, actor) && IsAssignable(ticket),
        ChangeTeam: MayChangeTeam(ticket, actor) && IsAssignable(ticket),
        Comment: MayComment(ticket, actor),
        InternalNote: actor.IsStaff && MayComment(ticket, actor),
        Transitions: StatusMachine.AllowedFor(ticket, actor),
        ChangeTags: MayTag(actor),
        Link: MayLink(actor),
        Merge: MayMerge(actor) && IsMergeable(ticket),
        ChangeCcs: MayChangeCcs(ticket, actor),
        Follow: MayFollow(actor),
        Rate: MayRate(ticket, actor) && ticket.AwaitsSatisfaction);
}
