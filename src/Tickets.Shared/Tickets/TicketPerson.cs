namespace Tickets.Tickets;

/// <summary>Someone named on a ticket besides its requester and assignee (a CC, a follower, a mention): id and name as written.</summary>
public sealed record TicketPerson(string Id, string Name);
