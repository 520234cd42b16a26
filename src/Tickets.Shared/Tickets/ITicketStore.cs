using Tickets.Common;
using Tickets.Stats;

namespace Tickets.Tickets;

/// <summary>
/// Tickets with their comments and history. Shaped for a partition per ticket: a change, its events and its
/// comment are one atomic write; comments and history are listed per ticket; lists are one filtered keyset query.
/// </summary>
public interface ITicketStore
{
    /// <summary>The next human-facing number (1, 2, 3, …); never handed out twice.</summary>
    Task<long> NextNumberAsync(CancellationToken cancellationToken = default);

    /// <summary>A monotonically increasing counter for round-robin assignment.</summary>
    Task<long> NextAssignmentTurnAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a new ticket and its events atomically; returns it with its first ETag, or null, writing nothing, when a
    /// ticket with its id exists (a create retried under the same id: the caller reads that one).
    /// </summary>
    Task<Ticket?> CreateAsync(TicketChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the next number and writes the new ticket <paramref name="build"/> makes with it (as <see cref="CreateAsync(TicketChange, CancellationToken)"/>),
    /// in one write where the store can: SQLite takes the number inside the ticket's own transaction (one commit, and
    /// a failed write leaves no gap); Cosmos DB increments its counter document, then writes the ticket's batch. Null as above.
    /// </summary>
    Task<Ticket?> CreateAsync(Func<long, TicketChange> build, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the change (ticket, events, comment) atomically if the stored ticket still has
    /// <paramref name="expectedETag"/>; returns the stored ticket with its new ETag, or null and writes nothing: the ticket
    /// changed since, or the change's comment id is taken (a comment retried under its Idempotency-Key's id). Either way
    /// the caller reads the ticket again, and finds the comment if it was the one written.
    /// </summary>
    Task<Ticket?> SaveAsync(TicketChange change, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Deleted tickets included: the caller decides what to show.</summary>
    Task<Ticket?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<Ticket?> FindByNumberAsync(long number, CancellationToken cancellationToken = default);

    /// <summary>Not deleted tickets matching the query, in its sort order, keyset paged.</summary>
    Task<Page<Ticket>> ListAsync(TicketQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tags of not deleted tickets starting with <paramref name="prefix"/> (normalised; empty: any), with how many tickets
    /// carry each, the most used first (ties by tag), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<TagCount>> ListTagsAsync(string prefix, int limit, CancellationToken cancellationToken = default);

    /// <summary>Oldest first; internal notes only when asked.</summary>
    Task<Page<Comment>> ListCommentsAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>One comment of the ticket, internal or not (the caller decides what to show); null when there is none.</summary>
    Task<Comment?> FindCommentAsync(string ticketId, string commentId, CancellationToken cancellationToken = default);

    /// <summary>Oldest first; events about internal notes only when asked.</summary>
    Task<Page<TicketEvent>> ListHistoryAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Oldest first, only events of <paramref name="types"/> and never those about internal notes (a requester's
    /// timeline, <see cref="RequesterTimeline"/>); filtered in the query, so the keyset paging is the same.
    /// </summary>
    Task<Page<TicketEvent>> ListHistoryAsync(string ticketId, IReadOnlyCollection<TicketEventType> types, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// The files on the ticket (those it was opened with and its comments'), oldest first, internal ones only when asked;
    /// a deleted ticket's too (they are kept for audit: the caller decides what to show).
    /// </summary>
    Task<IReadOnlyList<Attachments.Attachment>> ListAttachmentsAsync(string ticketId, bool includeInternal, CancellationToken cancellationToken = default);

    /// <summary>One file of the ticket as its write committed it; null when the ticket has none with this id.</summary>
    Task<Attachments.Attachment?> FindAttachmentAsync(string ticketId, string attachmentId, CancellationToken cancellationToken = default);

    /// <summary>Whether a not deleted ticket in the team is open work (open, in progress, on hold): a team with some cannot be deleted.</summary>
    Task<bool> AnyOpenInTeamAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>Open work (open, in progress, on hold) per assignee id, for load-based assignment.</summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenByAssigneeAsync(CancellationToken cancellationToken = default);

    /// <summary>Not deleted tickets created in [from, to], projected to what the figures need (<see cref="StatsService"/> sums them).</summary>
    Task<IReadOnlyList<TicketFigures>> FiguresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Open work (open, in progress, on hold) counted per assignee, the unassigned queue (null id) included, in no order.</summary>
    Task<IReadOnlyList<AssigneeLoad>> OpenLoadAsync(CancellationToken cancellationToken = default);
}
