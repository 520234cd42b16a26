using System.Globalization;
using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Notifications;

/// <summary>An in-app notification of one recipient. Its id is derived from the event and the recipient, so a message delivered twice stores it once.</summary>
/// <param name="Message">
/// The sentence the inbox shows. Written from <see cref="Content"/> when the notification is read, in the reader's
/// language and time zone; the stored one (in the recipient's language at delivery) is shown only for notifications
/// stored before contents were kept.
/// </param>
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
    /// <summary>What it tells (who acted, the ticket's words as stored at delivery); null on notifications stored before it was kept.</summary>
    [JsonIgnore]
    public NotificationContent? Content { get; init; }

    /// <summary>When its e-mail is due (the end of its coalescing window); null when no e-mail is wanted for it.</summary>
    [JsonIgnore]
    public DateTimeOffset? EmailDueAt { get; init; }

    /// <summary>When its e-mail was settled — sent, or found no longer wanted; an e-mail is retried until this is set, and never sent after.</summary>
    [JsonIgnore]
    public DateTimeOffset? EmailedAt { get; init; }

    /// <summary>Its e-mail is still to be sent.</summary>
    [JsonIgnore]
    public bool EmailPending => EmailDueAt is not null && EmailedAt is null;

    /// <summary>The keyset cursor after this notification (newest first): creation as UTC ticks, then id.</summary>
    public IReadOnlyList<string?> ListKey() => [CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Id];

    /// <summary>As <paramref name="reader"/> reads it: the sentence written now, from its content, in their language and zone.</summary>
    public Notification ReadBy(Reader reader) => Content is { } content ? this with { Message = NotificationText.Line(Type, content, reader) } : this;

    public static string IdFor(string eventId, string recipientId) => $"{eventId}-{recipientId}";
}

/// <summary>What a notification tells, kept so its words can be written when and in the language it is read.</summary>
public sealed record NotificationContent(EventActor? Actor, NotificationData Data);

/// <summary>A recipient with e-mail still to send about a ticket (what the sweep finds overdue).</summary>
public sealed record PendingEmail(string RecipientId, string TicketId);
