
namespace Tickets.Tickets;

/// <summary>The caller's view of a ticket's status machine: <c>GET /tickets/{id}/transitions</c>.</summary>
public sealed record TransitionsView(TicketStatus Current, IReadOnlyList<AllowedTransition> Allowed);
