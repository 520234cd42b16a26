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
}
