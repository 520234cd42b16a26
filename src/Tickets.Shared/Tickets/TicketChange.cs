namespace Tickets.Tickets;

/// <summary>
/// One atomic write: the ticket's new state, the history it produces, for comments the comment, and the queue
/// messages others must receive about it (the outbox). Adapters write it as one transaction (SQLite) or one
/// transactional batch in the ticket's partition (Cosmos).
/// </summary>
public sealed record TicketChange(Ticket Ticket, IReadOnlyList<TicketEvent> Events, Comment? Comment = null)
{
    /// <summary>
    /// No history, so nothing to write. A comment may still ride along: one already written under its id (a comment
    /// retried with the same Idempotency-Key), answered again and not written twice.
    /// </summary>
    public bool IsEmpty => Events.Count == 0;

    /// <summary>Messages to send after the commit (notifications, SLA checks); written in the same atomic write.</summary>
    public IReadOnlyList<Messaging.OutboxMessage> Outbox { get; init; } = [];

    /// <summary>
    /// The files this change attaches (to the ticket as it opens, or to its comment), also embedded in the ticket or the
    /// comment: the store writes each as its own record in the same atomic write, for listing and downloads.
    /// </summary>
    public IReadOnlyList<global::Tickets.Attachments.Attachment> Attachments { get; init; } = [];

    /// <summary>
    /// Comments copied into the ticket by a merge (<see cref="Comment.MergedFrom"/>), written with the change like its
    /// comment: a retried merge writes none again (the ticket remembers the merge, and the write is conditional).
    /// </summary>
    public IReadOnlyList<Comment> CopiedComments { get; init; } = [];
}
