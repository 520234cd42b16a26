using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>How the caller stands to a ticket; a transition names the parties that may make it.</summary>
[Flags]
public enum Party
{
    None = 0,
    Requester = 1,
    Assignee = 2,
    Admin = 4,

    /// <summary>The requester while nobody is assigned (cancel).</summary>
    UnassignedRequester = 8,
}

public sealed record Transition(TicketStatus From, TicketStatus To, Party Who, bool RequiresNote = false);

/// <summary>A move the caller may make now: what <c>GET /tickets/{id}/transitions</c> lists.</summary>
public sealed record AllowedTransition(TicketStatus Status, bool RequiresNote);

public enum TransitionVerdict
{
    Allowed,

    /// <summary>The move exists but this caller may not make it (403).</summary>
    NotPermitted,

    /// <summary>The move does not exist from the current status (409).</summary>
    Illegal,
}

/// <summary>The status machine (docs/architecture.md, "Status machine"), as data. Anything not listed is illegal.</summary>
public static class StatusMachine
{
    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(Open, InProgress, Party.Assignee | Party.Admin),
        new(InProgress, OnHold, Party.Assignee | Party.Admin),
        new(OnHold, InProgress, Party.Assignee | Party.Admin),
        new(Open, Resolved, Party.Assignee | Party.Admin, RequiresNote: true),
        new(InProgress, Resolved, Party.Assignee | Party.Admin, RequiresNote: true),
        new(OnHold, Resolved, Party.Assignee | Party.Admin, RequiresNote: true),
        new(Resolved, Closed, Party.Requester | Party.Admin),
        new(Resolved, InProgress, Party.Requester | Party.Assignee | Party.Admin),
        new(Closed, Open, Party.Admin),
        new(Open, Closed, Party.UnassignedRequester | Party.Admin),
    ];

    public static Party PartiesOf(Ticket ticket, Actor actor)
    {
        var parties = Party.None;
        if (ticket.Requester.Id == actor.Id)
            parties |= ticket.Assignee is null ? Party.Requester | Party.UnassignedRequester : Party.Requester;
        if (ticket.Assignee?.Id == actor.Id) parties |= Party.Assignee;
        if (actor.IsAdmin) parties |= Party.Admin;
        return parties;
    }

    public static TransitionVerdict Judge(Ticket ticket, Actor actor, TicketStatus to)
    {
        var rule = Find(ticket.Status, to);
        if (rule is null) return TransitionVerdict.Illegal;
        return (rule.Who & PartiesOf(ticket, actor)) != 0 ? TransitionVerdict.Allowed : TransitionVerdict.NotPermitted;
    }

    public static Transition? Find(TicketStatus from, TicketStatus to) => Table.FirstOrDefault(t => t.From == from && t.To == to);

    public static IReadOnlyList<AllowedTransition> AllowedFor(Ticket ticket, Actor actor)
    {
        var parties = PartiesOf(ticket, actor);
        return Table.Where(t => t.From == ticket.Status && (t.Who & parties) != 0)
            .Select(t => new AllowedTransition(t.To, t.RequiresNote))
            .ToList();
    }
}
