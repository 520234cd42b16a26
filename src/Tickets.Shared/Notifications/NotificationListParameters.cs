using Tickets.Common;

namespace Tickets.Notifications;

/// <summary>The query string of <c>GET /notifications</c>.</summary>
public sealed record NotificationListParameters(
    [Query("unread", Type = QueryType.Boolean, Default = "false", Description = "Only notifications not read yet.")] string? Unread = null,
    [Query("limit", Type = QueryType.Integer, Minimum = 1, Maximum = PageRequest.MaxLimit, Default = "25", Description = "Items per page.")]
    string? Limit = null,
    [Query("cursor", Description = "The nextCursor of the previous page.")] string? Cursor = null);
