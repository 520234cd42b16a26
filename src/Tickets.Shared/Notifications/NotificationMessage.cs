using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Notifications;

/// <summary>
/// The <c>notifications</c> queue message: who must hear about which ticket event. Recipients are decided when the
/// change is written (never the person who acted); delivery keeps what it tells, from the ticket as stored, and the
/// words are written per reader — the inbox's when it is read, the e-mail's when it is sent.
/// </summary>
/// <param name="EventId">The history event it tells about; with a recipient, the in-app notification's identity.</param>
public sealed record NotificationMessage(
    string EventId,
    NotificationType Type,
    string TicketId,
    IReadOnlyList<string> RecipientIds,
    EventActor? Actor,
    DateTimeOffset OccurredAt,
    NotificationData Data);

/// <summary>
/// What the text needs, as planned at the time of the change. Delivery does not trust it: it reads the ticket, event and
/// comment again and words them as stored (<see cref="NotificationRules.DataFor"/>); it stays in the message for readers of the queue.
/// </summary>
public sealed record NotificationData
{
    public required long Number { get; init; }

    public required string Title { get; init; }

    public TicketStatus? From { get; init; }

    public TicketStatus? To { get; init; }

    /// <summary>A resolution or hold note (public: the requester reads it in the history too).</summary>
    public string? Note { get; init; }

    /// <summary>The start of a comment; for an internal note only ever sent to staff.</summary>
    public string? Excerpt { get; init; }

    public bool Internal { get; init; }

    /// <summary>first_response or resolution, for SLA notifications.</summary>
    public string? Target { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// The names of the files the change attached (names only: a link would outlive its five minutes and skip the
    /// check made on every download). An internal note's are told only with <see cref="Internal"/>, so only to staff.
    /// Null for none, and left out when stored, so contents kept before it existed read the same.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? AttachmentNames { get; init; }
}
