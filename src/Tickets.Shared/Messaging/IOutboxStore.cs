namespace Tickets.Messaging;

/// <summary>
/// The outbox's pending messages. They are written by the ticket store inside a ticket change; this port lists what
/// is still pending and removes a message once the queue has it.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Puts one message in the outbox on its own, for a request that changes nothing else when accepted (the work it
    /// names is done by its queue's consumer).
    /// </summary>
    Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Pending messages created at or before <paramref name="createdBefore"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes sent messages, all in one write where the store can; removing one that is already gone is not an error (a
    /// relay and the dispatcher may race).
    /// </summary>
    Task RemoveAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken = default);
}
