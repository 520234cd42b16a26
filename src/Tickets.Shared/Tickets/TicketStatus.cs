namespace Tickets.Tickets;

public enum TicketStatus
{
    Open,
    InProgress,
    OnHold,
    Resolved,
    Closed,
}
