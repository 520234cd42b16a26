using System.ComponentModel;
using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Tickets.History;

// The `data` of each history event type, one record per type. Stored as JSON beside the event, so a renamed
// property is a change to the stored history and to the API document: add, do not rename.

/// <summary><c>created</c>: what the ticket was opened with.</summary>
public sealed record TicketCreatedData(string Number, string Title, Priority Priority, string? Category) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Created;

    [Description("How it came in, when not by the web: email.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Channel? Channel { get; init; }

    [Description("The team the ticket went to (its category's), if any.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TicketTeam? Team { get; init; }

    [Description("The files attached with it (ids and names).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Attachments.AttachedFile>? Attachments { get; init; }
}

/// <summary><c>team_changed</c>: staff moved the ticket to another team (null: no team). The assignee stays.</summary>
public sealed record TeamChangedData(TicketTeam? From, TicketTeam? To) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.TeamChanged;
}

/// <summary><c>tags_changed</c>: staff changed the ticket's tags (staff only: requesters never see tags).</summary>
public sealed record TagsChangedData(
    [property: Description("Tags the ticket gained.")] IReadOnlyList<string> Added,
    [property: Description("Tags it lost.")] IReadOnlyList<string> Removed) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.TagsChanged;
}

/// <summary><c>linked</c> / <c>unlinked</c>: staff linked this ticket to another, or removed the link (staff only).</summary>
public sealed record LinkedData(
    [property: Description("The other ticket's id.")] string TicketId,
    [property: Description("The other ticket's number, TCK-000123.")] string Number,
    [property: Description("How this ticket relates to the other.")] TicketLinkType LinkType) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Linked;
}

/// <summary><c>unlinked</c>: the link to another ticket was removed (staff only).</summary>
public sealed record UnlinkedData(
    [property: Description("The other ticket's id.")] string TicketId,
    [property: Description("The other ticket's number, TCK-000123.")] string Number,
    [property: Description("How this ticket related to the other.")] TicketLinkType LinkType) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Unlinked;
}

/// <summary><c>merged_into</c>: staff merged this ticket into another; it was closed (reason <c>merged</c>) and points there.</summary>
public sealed record MergedIntoData(
    [property: Description("The ticket it was merged into.")] string TicketId,
    [property: Description("That ticket's number, TCK-000123.")] string Number) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.MergedInto;
}

/// <summary><c>merged_from</c>: another ticket was merged into this one (staff only): its public comments copied, its people copied in.</summary>
public sealed record MergedFromData(
    [property: Description("The ticket merged into this one.")] string TicketId,
    [property: Description("That ticket's number, TCK-000123.")] string Number,
    [property: Description("How many of its public comments were copied here.")] int Comments,
    [property: Description("Its requester and CCs who became CCs here.")] IReadOnlyList<TicketPerson> CcsAdded) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.MergedFrom;
}

/// <summary><c>updated</c>: the fields whose value changed (priority has its own event).</summary>
public sealed record TicketUpdatedData(FieldChanges Changes) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Updated;
}

/// <summary>Only the changed fields are present.</summary>
public sealed record FieldChanges
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextChange? Title { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextChange? Description { get; init; }

    /// <summary>A null before or after is "no category".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextChange? Category { get; init; }

    [JsonIgnore]
    public bool Any => Title is not null || Description is not null || Category is not null;
}

public sealed record TextChange(string? Before, string? After);

/// <summary><c>status_changed</c>.</summary>
public sealed record StatusChangedData(
    TicketStatus From,
    TicketStatus To,
    [property: Description("The note given with the move (required to resolve).")] string? Note,
    [property: Description("Why the system moved it, when nobody asked: requester_commented, auto_closed.")] string? Reason) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.StatusChanged;

    [Description("The public comment that made the move (send and resolve): its body is the note, and it has no commented event of its own.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CommentId { get; init; }

    [Description("How the move was asked for when not in the app: resolution_link (the requester answered a resolved e-mail's link).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }

    [Description("The files the comment that made the move brought (ids and names).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Attachments.AttachedFile>? Attachments { get; init; }
}

public enum AssignmentReason
{
    /// <summary>An admin chose the assignee (or unassigned).</summary>
    Manual,

    /// <summary>A technician took an unassigned ticket.</summary>
    Taken,

    RoundRobin,

    LeastLoaded,
}

/// <summary><c>assigned</c>: a null <c>after</c> is an unassignment.</summary>
public sealed record AssignedData(
    Assignee? Before,
    Assignee? After,
    [property: Description("How the assignee was chosen; always stored, told to staff only (a requester's history leaves it out).")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    AssignmentReason? Reason = null) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Assigned;
}

/// <summary><c>priority_changed</c>, with the due times the new priority gives.</summary>
public sealed record PriorityChangedData(Priority Before, Priority After, DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt)
    : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.PriorityChanged;

    [Description("The calendar the new priority runs on: 24x7 or business.")]
    public string? Calendar { get; init; }

    [Description("Why the system changed it, when nobody asked: sla_breach.")]
    public string? Reason { get; init; }
}

/// <summary><c>commented</c>: events about internal notes are shown to staff only.</summary>
public sealed record CommentedData(string CommentId, bool Internal) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Commented;

    [Description("How it came in, when not by the web: email.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Channel? Channel { get; init; }

    [Description("The files attached with it (ids and names).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Attachments.AttachedFile>? Attachments { get; init; }
}

/// <summary><c>deleted</c>: the soft delete, kept for audit.</summary>
public sealed record TicketDeletedData(string Number, TicketStatus Status) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Deleted;
}

/// <summary><c>satisfaction_rated</c>: the requester rated the resolution (good or bad), with an optional comment.</summary>
public sealed record SatisfactionRatedData(
    SatisfactionRating Rating,
    [property: Description("The requester's words, if any (at most 2000 characters).")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Comment) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SatisfactionRated;

    [Description("How it was given when not in the app: resolution_link (a resolved e-mail's link).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }
}

/// <summary><c>satisfaction_commented</c>: the comment that followed a rating given through an e-mail's link.</summary>
public sealed record SatisfactionCommentedData(
    SatisfactionRating Rating,
    [property: Description("The requester's words (at most 2000 characters).")] string Comment) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SatisfactionCommented;

    [Description("How it was given: resolution_link (a resolved e-mail's link).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }
}
