using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Tickets.Common;
using Tickets.Idempotency;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// What one ticket's logical partition (<c>/ticketId</c>) of the <c>tickets</c> container holds, told apart by <c>type</c>.
/// The aggregate itself is nested (<c>ticket</c>, <c>comment</c>, <c>event</c>) and kept out of the index; the fields the
/// lists filter and sort on are copied to the top level, where they are indexed.
/// </summary>
internal static class TicketDocumentTypes
{
    public const string Ticket = "ticket";
    public const string Comment = "comment";
    public const string Event = "event";
    public const string Outbox = "outbox";
}

/// <summary>Instants as the <c>tickets</c> documents store them where they are compared or sorted.</summary>
internal static class SortableTime
{
    /// <summary>
    /// Fixed-width UTC ISO 8601 (Cosmos' recommended date form): string order is time order, and unlike ticks
    /// (≈ 6.4 × 10^17, beyond a double's 2^53) it survives Cosmos' JSON numbers exactly.
    /// </summary>
    public static string Of(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"Never": finished tickets sort after every running SLA target, as in SQLite.</summary>
    public static readonly string Never = Of(DateTimeOffset.MaxValue);
}

internal sealed record TicketDocument
{
    public required string Id { get; init; }
    public required string TicketId { get; init; }
    public string Type { get; init; } = TicketDocumentTypes.Ticket;
    public required long Number { get; init; }
    public required TicketStatus Status { get; init; }

    /// <summary>The priority as a number, so "by priority" sorts low → critical (the enum order), not alphabetically.</summary>
    public required int PriorityRank { get; init; }

    public string? Category { get; init; }
    public required string RequesterId { get; init; }
    public string? AssigneeId { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }

    /// <summary>The running SLA target's due time; <see cref="SortableTime.Never"/> once work is finished.</summary>
    public required string SlaDueAt { get; init; }

    // Not "required": documents written before these two fields existed must still read (the ticket is the nested copy).

    /// <summary>The running SLA target's warning point; <see cref="SortableTime.Never"/> once work is finished.</summary>
    public string SlaWarningAt { get; init; } = SortableTime.Never;

    /// <summary><see cref="SlaStanding.Phase"/> (running, paused, met, breached): with the two times, what <c>sla=</c> filters on.</summary>
    public SlaPhase SlaPhase { get; init; }

    public required bool Deleted { get; init; }

    /// <summary>Folded "TCK-000123 title description": what <c>q</c> searches with <c>CONTAINS</c>.</summary>
    public required string SearchText { get; init; }

    public required Ticket Ticket { get; init; }

    /// <summary>Read from Cosmos (a query returns it in the body); never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static TicketDocument From(Ticket t) => From(t, SlaStanding.Of(t));

    private static TicketDocument From(Ticket t, SlaStanding standing) => new()
    {
        Id = t.Id,
        TicketId = t.Id,
        Number = t.Number,
        Status = t.Status,
        PriorityRank = (int)t.Priority,
        Category = t.Category,
        RequesterId = t.Requester.Id,
        AssigneeId = t.Assignee?.Id,
        CreatedAt = SortableTime.Of(t.CreatedAt),
        UpdatedAt = SortableTime.Of(t.UpdatedAt),
        SlaDueAt = t.IsWorkOpen ? SortableTime.Of(t.Sla.NextDueAt(t.FirstResponseAt is not null)) : SortableTime.Never,
        SlaWarningAt = t.IsWorkOpen ? SortableTime.Of(standing.WarningAt) : SortableTime.Never,
        SlaPhase = standing.Phase,
        Deleted = t.DeletedAt is not null,
        SearchText = Text.Fold($"{t.DisplayNumber} {t.Title} {t.Description}"),
        Ticket = t with { ETag = "" },
    };

    public Ticket ToTicket(string etag) => Ticket with { ETag = CosmosETag.Unquote(etag) };
}

internal sealed record CommentDocument(string Id, string TicketId, string Type, long Seq, bool Internal, Comment Comment)
{
    public static CommentDocument From(Comment c) => new(IdOf(c.Id), c.TicketId, TicketDocumentTypes.Comment, c.Sequence, c.Internal, c);

    public static string IdOf(string commentId) => "comment:" + commentId;

    public Comment ToComment() => Comment with { Sequence = Seq };
}

internal sealed record EventDocument(string Id, string TicketId, string Type, long Seq, bool Internal, TicketEvent Event)
{
    public static EventDocument From(TicketEvent e) => new("event:" + e.Id, e.TicketId, TicketDocumentTypes.Event, e.Sequence, e.Internal, e);

    public TicketEvent ToEvent() => Event with { Sequence = Seq, Internal = Internal };
}

/// <summary>The fields of a ticket the figures need, projected by the stats query (not the whole document).</summary>
internal sealed record FiguresRow(
    TicketStatus Status, int PriorityRank, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt, SlaState Sla)
{
    public TicketFigures ToFigures() => new(Status, (Priority)PriorityRank, CreatedAt, FirstResponseAt, ResolvedAt, Sla);
}

/// <summary>An open ticket's assignee (null: the unassigned queue), projected by the load queries.</summary>
internal sealed record OpenWork(string? AssigneeId, string? AssigneeName);

/// <summary>Ids of the documents in <c>meta</c> (partition key <c>/id</c>): every lookup there is a point read.</summary>
internal static class MetaIds
{
    public const string TicketNumberCounter = "counter:ticketNumber";
    public const string AssignmentTurnCounter = "counter:assignmentTurn";

    public static string TicketNumber(long number) => "number:" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key already names caller, operation and client key; hashed so any client text makes a valid, bounded id.</summary>
    public static string Idempotency(string key) => "idem:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed record CounterDocument(string Id, long Value);

/// <summary><c>number:123</c> → the ticket id. Written before the ticket; one without its ticket reads as "not found".</summary>
internal sealed record TicketNumberDocument(string Id, string TicketId)
{
    public string Type { get; init; } = "ticketNumber";
}

internal sealed record IdempotencyDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = "idempotency";
    public required string RequestHash { get; init; }
    public StoredResponse? Response { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Seconds until Cosmos deletes it (24 h from the claim); expiry is also checked on read, TTL deletion lags.</summary>
    public required int Ttl { get; init; }

    public static int TtlUntil(DateTimeOffset expiresAt, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((expiresAt - now).TotalSeconds), 1, int.MaxValue);
}

/// <summary>Cosmos ETags are quoted (<c>"0000…"</c>); the API quotes entity tags itself, so the stores hand them out bare.</summary>
internal static class CosmosETag
{
    public static string Unquote(string etag) => etag.Trim('"');

    public static string Quote(string etag) => $"\"{Unquote(etag)}\"";
}
