namespace Tickets.Notifications;

/// <summary>What a notification is about (lower snake case on the wire).</summary>
public enum NotificationType
{
    TicketCreated,
    TicketAssigned,
    TicketCommented,
    StatusChanged,
    SlaWarning,
    SlaBreached,
    /// <summary>A comment names the recipient (<c>@Name</c>); told instead of <see cref="TicketCommented"/>.</summary>
    Mentioned,

    /// <summary>To a follower: a public comment, an internal note or a status change on a ticket they follow.</summary>
    TicketUpdated,

    /// <summary>The requester rated a resolution bad: told to the assignee and every active admin.</summary>
    SatisfactionBad,
}
