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

    Task MarkEmailedAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
