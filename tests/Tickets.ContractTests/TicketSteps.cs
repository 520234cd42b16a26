using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.ContractTests;

internal static class TicketSteps
{
    /// <summary>The ticket after <paramref name="change"/>, played in memory (for scenes a store then writes as they end).</summary>
    public static Ticket Then(this Ticket ticket, Func<Ticket, Result<TicketChange>> change) => change(ticket).Value.Ticket;
}
