namespace Tickets.Messaging;

/// <summary>
/// A queue message waiting to be sent, stored in the same atomic write as the ticket change that produced it (in
/// the ticket's partition on Cosmos DB), so a crash after commit cannot lose it. Sent right after the commit by
/// <see cref="OutboxDispatcher"/>; whatever is still here later is sent by <see cref="OutboxRelay"/>.
/// </summary>
/// <param name="Id">Unique; consumers are idempotent, so a message relayed twice changes nothing twice.</param>
/// <param name="TicketId">The ticket whose change produced it (its partition).</param>
/// <param name="Queue">One of <see cref="QueueNames"/>.</param>
/// <param name="Body">The message as JSON text.</param>
/// <param name="CreatedAt">When the change committed.</param>
/// <param name="VisibleAt">Not before this instant (SLA checks at a due time); null: at once.</param>
public sealed record OutboxMessage(string Id, string TicketId, string Queue, string Body, DateTimeOffset CreatedAt, DateTimeOffset? VisibleAt = null);
