using System.Globalization;
using System.Text.Json.Serialization;

namespace Tickets.Notifications;

/// <summary>An in-app notification of one recipient. Its id is derived from the event and the recipient, so a message delivered twice stores it once.</summary>
public sealed record Notification(
    string Id,
    string RecipientId,
    NotificationType Type,
    string TicketId,
    string TicketNumber,
    string Title,
    string Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    /// <summary>When its e-mail went out; an e-mail is retried until this is set, and never sent after.</summary>
    [JsonIgnore]
    public DateTimeOffset? EmailedAt { get; init; }

    /// <summary>The keyset cursor after this notification (newest first): creation as UTC ticks, then id.</summary>
    public IReadOnlyList<string?> ListKey() => [CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Id];

    public static string IdFor(string eventId, string recipientId) => $"{eventId}-{recipientId}";
}
