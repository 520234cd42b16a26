
namespace Tickets.Notifications;

/// <summary>A page of the inbox with the caller's unread count (for the bell).</summary>
public sealed record NotificationPage(IReadOnlyList<Notification> Items, string? NextCursor, int UnreadCount);
