namespace Tickets.Tickets;

public enum TicketEventType
{
    Created,
    Updated,
    StatusChanged,
    Assigned,
    PriorityChanged,
    Commented,
    Deleted,
    SlaStarted,
    SlaPaused,
    SlaResumed,
    SlaMet,
    SlaWarning,
    SlaBreached,
    Escalated,
    TeamChanged,
    SlaReplanned,
    TagsChanged,
    SatisfactionRated,
    SatisfactionCommented,
}
