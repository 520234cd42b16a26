namespace Tickets.Tickets;

public enum Priority
{
    Low,
    Medium,
    High,
    Critical,
}
