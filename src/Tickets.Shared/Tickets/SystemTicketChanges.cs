using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// The changes the system makes on its own (SLA checks, auto-close), written by the same <see cref="TicketWriter"/> as
/// the routes' changes, as <see cref="Actor.System"/>.
/// </summary>
public sealed class SystemTicketChanges(ITicketStore store, TicketWriter writer)
{
    /// <summary>
    /// True when something was written; false when the ticket is gone or the change was empty (stale, already done).
    /// A ticket that kept changing throws to the trigger, whose queue or timer retries later: nothing was written.
    /// </summary>
    public Task<bool> ApplyAsync(string ticketId, Func<Ticket, TicketChange> change, CancellationToken cancellationToken) =>
        ApplyAsync(ticketId, ticket => Task.FromResult(change(ticket)), cancellationToken);

    /// <inheritdoc cref="ApplyAsync(string, Func{Ticket, TicketChange}, CancellationToken)"/>
    public async Task<bool> ApplyAsync(string ticketId, Func<Ticket, Task<TicketChange>> change, CancellationToken cancellationToken)
    {
        var written = await writer.WriteAsync(
            async ct => await store.FindAsync(ticketId, ct) is { } ticket ? ticket : Error.NotFound("ticket"),
            null, Actor.System, async ticket => (Result<TicketChange>)await change(ticket), cancellationToken);
        if (written.IsSuccess) return !written.Value.IsEmpty;
        if (written.Error!.Kind == ErrorKind.NotFound) return false;
        throw new InvalidOperationException($"Ticket {ticketId} kept changing; the system change was not applied and will be retried.");
    }
}
