using Tickets.Common;

namespace Tickets.Notifications;

/// <summary>In-app notifications, partitioned by recipient (a list, a count and the reads are all per recipient).</summary>
public interface INotificationStore
{
    /// <summary>Stores it unless one with its id exists; returns the stored one either way.</summary>
    Task<Notification> AddAsync(Notification notification, CancellationToken cancellationToken = default);

    Task<Notification?> FindAsync(string recipientId, string id, CancellationToken cancellationToken = default);

    /// <summary>Newest first, keyset paged; only unread ones when asked.</summary>
    Task<Page<Notification>> ListAsync(string recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken = default);

    Task<int> CountUnreadAsync(string recipientId, CancellationToken cancellationToken = default);

    /// <summary>False when the recipient has no such notification; reading one already read keeps its first time.</summary>
    Task<bool> MarkReadAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task MarkAllReadAsync(string recipientId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records its e-mail as settled (sent, or no longer wanted); the first time is kept.</summary>
    Task MarkEmailedAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The recipient's notifications about the ticket whose e-mail is still to be sent, oldest first: what one e-mail tells.</summary>
    Task<IReadOnlyList<Notification>> ListEmailPendingAsync(string recipientId, string ticketId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The recipient's notifications, about any ticket, whose e-mail is still to be sent and was due at or before
    /// <paramref name="dueBy"/>, oldest first, at most <paramref name="max"/>: what one digest e-mail tells.
    /// </summary>
    Task<IReadOnlyList<Notification>> ListEmailDueAsync(string recipientId, DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recipients and tickets with an e-mail still to be sent that was due before <paramref name="dueBefore"/>, at most
    /// <paramref name="max"/> pairs, each once: what the sweep sends when the delayed queue message that should have was lost.
    /// </summary>
    Task<IReadOnlyList<PendingEmail>> ListEmailOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default);
}
