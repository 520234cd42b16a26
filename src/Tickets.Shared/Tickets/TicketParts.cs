using System.Text.Json;
using System.Text.Json.Serialization;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Tickets;

public enum Priority
{
    Low,
    Medium,
    High,
    Critical,
}

public enum TicketStatus
{
    Open,
    InProgress,
    OnHold,
    Resolved,
    Closed,
}

/// <summary>Who asked, copied onto the ticket when it is created (no joins on read).</summary>
public sealed record Requester(string Id, string Name, string Department);

/// <summary>Who works the ticket, copied when assigned.</summary>
public sealed record Assignee(string Id, string Name);

/// <summary>The person doing something to a ticket.</summary>
public sealed record Actor(string Id, string Name, Role Role, string Department)
{
    public bool IsStaff => Role is Role.Technician or Role.Admin;

    public bool IsAdmin => Role == Role.Admin;

    public static Actor Of(User user) => new(user.Id, user.FullName, user.Role, user.Department);

    /// <summary>The system itself (SLA checks, auto-close): history shows its events with no actor.</summary>
    public static Actor System { get; } = new("system", "Tickets", Role.Admin, "");

    public bool IsSystem => ReferenceEquals(this, System);
}

/// <summary>The actor as history shows it; null there means the system.</summary>
public sealed record EventActor(string Id, string Name);

public enum TicketEventType
{
    Created,
    Updated,
    StatusChanged,
    Assigned,
    PriorityChanged,
    Commented,
    Deleted,
    SlaStarted,
    SlaPaused,
    SlaResumed,
    SlaMet,
    SlaWarning,
    SlaBreached,
    Escalated,
}

/// <summary>One entry of a ticket's history, written atomically with the change it describes.</summary>
public sealed record TicketEvent(
    string Id,
    string TicketId,
    TicketEventType Type,
    EventActor? Actor,
    DateTimeOffset At,
    [property: PayloadOf(nameof(TicketEvent.Type))] JsonElement Data)
{
    /// <summary>Order within the ticket (revision × 100 + position in the change); the keyset of the history list.</summary>
    [JsonIgnore]
    public long Sequence { get; init; }

    /// <summary>About an internal note: hidden from users.</summary>
    [JsonIgnore]
    public bool Internal { get; init; }
}

/// <summary>The comment author as shown: name and role copied at the time of writing.</summary>
public sealed record CommentAuthor(string Id, string Name, Role Role);

/// <summary>A public comment or an internal note (staff only). Immutable.</summary>
public sealed record Comment(string Id, string TicketId, CommentAuthor Author, string Body, bool Internal, DateTimeOffset CreatedAt)
{
    public const int BodyMax = 5_000;

    [JsonIgnore]
    public long Sequence { get; init; }
}

/// <summary>
/// One atomic write: the ticket's new state, the history it produces, for comments the comment, and the queue
/// messages others must receive about it (the outbox). Adapters write it as one transaction (SQLite) or one
/// transactional batch in the ticket's partition (Cosmos).
/// </summary>
public sealed record TicketChange(Ticket Ticket, IReadOnlyList<TicketEvent> Events, Comment? Comment = null)
{
    public bool IsEmpty => Events.Count == 0 && Comment is null;

    /// <summary>Messages to send after the commit (notifications, SLA checks); written in the same atomic write.</summary>
    public IReadOnlyList<Messaging.OutboxMessage> Outbox { get; init; } = [];
}
