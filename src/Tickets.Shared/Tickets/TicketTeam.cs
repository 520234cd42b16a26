namespace Tickets.Tickets;

/// <summary>The team a ticket is in, as the ticket keeps it (its name as when it was routed or moved there).</summary>
public sealed record TicketTeam(string Id, string Name);
