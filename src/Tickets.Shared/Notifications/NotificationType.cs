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

    /// <summary>The requester rated a resolution bad: told to the assignee and every active admin.</summary>
    SatisfactionBad,
}
