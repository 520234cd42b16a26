using Tickets.Notifications;

namespace Tickets.Storage.Cosmos;

/// <summary>An in-app notification in its recipient's partition (<c>/recipientId</c>) of <c>notifications</c>; expires by the container's TTL.</summary>
internal sealed record NotificationDocument
{
    public required string Id { get; init; }
    public required string RecipientId { get; init; }
    public required NotificationType Type { get; init; }
    public required string TicketId { get; init; }
    public required string TicketNumber { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }

    /// <summary>Sortable UTC text: the inbox's order (newest first) with <c>id</c> as the tie-break.</summary>
    public required string CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; init; }
    public DateTimeOffset? EmailedAt { get; init; }

    /// <summary>Absent on documents written before contents were kept: their stored <see cref="Message"/> is shown.</summary>
    public NotificationContent? Content { get; init; }

    /// <summary>Sortable UTC text, when its e-mail is due; absent when no e-mail is wanted.</summary>
    public string? EmailDueAt { get; init; }

    public static NotificationDocument From(Notification n) => new()
    {
        Id = n.Id,
        RecipientId = n.RecipientId,
        Type = n.Type,
        TicketId = n.TicketId,
        TicketNumber = n.TicketNumber,
        Title = n.Title,
        Message = n.Message,
        CreatedAt = SortableTime.Of(n.CreatedAt),
        ReadAt = n.ReadAt,
        EmailedAt = n.EmailedAt,
        Content = n.Content,
        EmailDueAt = n.EmailDueAt is { } due ? SortableTime.Of(due) : null,
    };

    public Notification ToNotification() =>
        new(Id, RecipientId, Type, TicketId, TicketNumber, Title, Message,
            DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture), ReadAt)
        {
            EmailedAt = EmailedAt,
            Content = Content,
            EmailDueAt = EmailDueAt is null ? null : DateTimeOffset.Parse(EmailDueAt, System.Globalization.CultureInfo.InvariantCulture),
        };
}
