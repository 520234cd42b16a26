using System.ComponentModel;

namespace Tickets.Tickets;

/// <summary>
/// What the caller may do to a ticket now, decided by the ticket's own rules. Every ticket the API returns carries
/// it, so a client shows exactly the actions that will succeed and never re-implements the rules.
/// </summary>
public sealed record TicketActions(
    [property: Description("Change title, description and category (PATCH).")] bool Edit,
    [property: Description("Change the priority (PATCH with priority only).")] bool ChangePriority,
    [property: Description("Change the category (PATCH with category, and priority, only).")] bool ChangeCategory,
    bool Delete,
    [property: Description("Assign to any active technician or admin, or unassign.")] bool Assign,
    [property: Description("Assign it to oneself (PUT assignee with one's own id).")] bool Take,
    [property: Description("Move it to another team, or to none (PUT team).")] bool ChangeTeam,
    [property: Description("Write a public comment.")] bool Comment,
    [property: Description("Write an internal note (staff only).")] bool InternalNote,
    [property: Description("The status moves allowed now, as GET /tickets/{id}/transitions lists them.")] IReadOnlyList<AllowedTransition> Transitions,
    [property: Description("Replace its tags (PUT tags; staff only).")] bool ChangeTags = false,
    [property: Description("Link it to other tickets and remove its links (POST links, DELETE links/{ticketId}; staff only).")] bool Link = false,
    [property: Description("Merge it into another ticket (POST merge; staff, while it is not closed).")] bool Merge = false,
    [property: Description("Replace who is copied in (PUT ccs; the requester and staff).")] bool ChangeCcs = false,
    [property: Description("Follow or unfollow it (PUT/DELETE followers/me; staff only).")] bool Follow = false,
    [property: Description("Rate its resolution, good or bad (POST satisfaction): the requester, once per resolution.")] bool Rate = false);
