using System.Collections.Concurrent;
using Tickets.Common;
using Tickets.Notifications;

namespace Tickets.UnitTests.Fakes;

/// <summary>In-memory inbox for delivery tests; the store contract suite covers the real adapters.</summary>
public sealed class InMemoryNotificationStore : INotificationStore
{
    private readonly ConcurrentDictionary<string, Notification> _items = new();

    public IReadOnlyCollection<Notification> All => _items.Values.ToList();

    public Task<Notification> AddAsync(Notification notification, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.GetOrAdd(notification.Id, notification));

    public Task<Notification?> FindAsync(string recipientId, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(id, out var n) && n.RecipientId == recipientId ? n : null);

    public Task<Page<Notification>> ListAsync(string recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Page<Notification>(
            _items.Values.Where(n => n.RecipientId == recipientId && (!unreadOnly || n.ReadAt is null)).OrderByDescending(n => n.CreatedAt).Take(page.Limit).ToList(), null));

    public Task<int> CountUnreadAsync(string recipientId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.Values.Count(n => n.RecipientId == recipientId && n.ReadAt is null));

    public Task<bool> MarkReadAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!_items.TryGetValue(id, out var n) || n.RecipientId != recipientId) return Task.FromResult(false);
        _items[id] = n with { ReadAt = n.ReadAt ?? at };
        return Task.FromResult(true);
    }

    public Task MarkAllReadAsync(string recipientId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        foreach (var n in _items.Values.Where(n => n.RecipientId == recipientId && n.ReadAt is null)) _items[n.Id] = n with { ReadAt = at };
        return Task.CompletedTask;
    }

    public Task MarkEmailedAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (_items.TryGetValue(id, out var n)) _items[id] = n with { EmailedAt = n.EmailedAt ?? at };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Notification>> ListEmailPendingAsync(string recipientId, string ticketId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Notification>>(_items.Values
            .Where(n => n.RecipientId == recipientId && n.TicketId == ticketId && n.EmailPending)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<Notification>> ListEmailDueAsync(string recipientId, DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Notification>>(_items.Values
            .Where(n => n.RecipientId == recipientId && n.EmailPending && n.EmailDueAt <= dueBy)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal).Take(max).ToList());

    public Task<IReadOnlyList<PendingEmail>> ListEmailOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PendingEmail>>(_items.Values
            .Where(n => n.EmailPending && n.EmailDueAt < dueBefore).OrderBy(n => n.EmailDueAt)
            .Select(n => new PendingEmail(n.RecipientId, n.TicketId)).Distinct().Take(max).ToList());
}
