namespace Tickets.Inbound;

/// <summary>What the e-mail channel keeps: each processed message's record, and where each mailbox's poll stands.</summary>
public interface IInboundMailStore
{
    Task<InboundMailRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Keeps the record unless one with its id exists; answers the stored one (this one when it was added).</summary>
    Task<InboundMailRecord> AddAsync(InboundMailRecord record, CancellationToken cancellationToken = default);

    /// <summary>The newest records first (by <see cref="InboundMailRecord.ProcessedAt"/>, then id), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<InboundMailRecord>> ListRecentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many records were processed at or after <paramref name="since"/>, per outcome, for the channel's figures. The key
    /// is the wire (snake_case) name: a refusal's <see cref="InboundRefusal"/> (<c>auto_reply</c>, <c>unknown_sender</c>, …),
    /// otherwise the <see cref="InboundOutcome"/> (<c>ticket</c>, <c>comment</c>). Keys with no records are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Removes records processed before <paramref name="before"/> (the dedupe window is long, not forever); answers how many.</summary>
    Task<int> DeleteProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    Task<MailboxState?> GetMailboxAsync(string mailbox, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="state"/> if the stored one still has <paramref name="state"/>'s version (or none is stored
    /// and its version is 0); answers the saved state (version bumped), or null when another poll saved first.
    /// </summary>
    Task<MailboxState?> SaveMailboxAsync(MailboxState state, CancellationToken cancellationToken = default);
}
