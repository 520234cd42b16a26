namespace Tickets.Tickets;

/// <summary>Who works the ticket, copied when assigned.</summary>
public sealed record Assignee(string Id, string Name);
