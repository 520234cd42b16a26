using System.Text.Json.Serialization;
using Tickets.Reports;
using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>A ticket in its partition: the aggregate nested in <c>ticket</c>, its filter and sort fields copied to the top level.</summary>
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

    /// <summary>The ticket's team, for the team filter and "my teams" (absent on documents written before teams: none).</summary>
    public string? TeamId { get; init; }

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

    /// <summary>The ticket's tags, for the tag filter (<c>ARRAY_CONTAINS</c>) and completion (absent before tags: none).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Ids of the accounts copied on the ticket, for "copied to me" (<c>ARRAY_CONTAINS</c>; absent before CCs: none).</summary>
    public IReadOnlyList<string> CcIds { get; init; } = [];

    /// <summary>Ids of the staff following the ticket, for "tickets I follow" (<c>ARRAY_CONTAINS</c>; absent before followers: none).</summary>
    public IReadOnlyList<string> FollowerIds { get; init; } = [];
    /// <summary>The requester's latest satisfaction rating (good, bad), for reports; absent when never rated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SatisfactionRating? SatisfactionRating { get; init; }

    /// <summary>When it was given (sortable UTC, like <see cref="CreatedAt"/>), for reports over a period; absent when never rated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SatisfactionAt { get; init; }

    /// <summary>Folded "TCK-000123 title description": what <c>q</c> searches with <c>CONTAINS</c>.</summary>
    public required string SearchText { get; init; }

    public required Ticket Ticket { get; init; }

    /// <summary>The report projection (<see cref="TicketFacts"/>), written with the ticket; absent on documents not written since reports.</summary>
    public TicketFacts? Facts { get; init; }

    /// <summary>The latest resolution while resolved or closed after one (sortable), for "resolved per day"; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResolvedAt { get; init; }

    /// <summary>Read from Cosmos (a query returns it in the body); never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static TicketDocument From(Ticket t) => From(t, TicketIndexFields.Of(t), t.DeletedAt is null ? TicketFacts.Of(t) : null);

    private static TicketDocument From(Ticket t, TicketIndexFields index, TicketFacts? facts) => new()
    {
        Id = t.Id,
        TicketId = t.Id,
        Number = t.Number,
        Status = t.Status,
        PriorityRank = (int)t.Priority,
        Category = t.Category,
        RequesterId = t.Requester.Id,
        AssigneeId = t.Assignee?.Id,
        TeamId = t.Team?.Id,
        CreatedAt = SortableTime.Of(t.CreatedAt),
        UpdatedAt = SortableTime.Of(t.UpdatedAt),
        SlaDueAt = SortableTime.Of(index.SlaDueAt),
        SlaWarningAt = SortableTime.Of(index.SlaWarningAt),
        SlaPhase = index.SlaPhase,
        Deleted = t.DeletedAt is not null,
        Tags = t.Tags,
        CcIds = t.Ccs.Select(c => c.Id).ToList(),
        FollowerIds = t.Followers.Select(f => f.Id).ToList(),
        SatisfactionRating = t.Satisfaction?.Rating,
        SatisfactionAt = t.Satisfaction is { } rated ? SortableTime.Of(rated.At) : null,
        SearchText = index.SearchText,
        Ticket = t with { ETag = "" },
        Facts = facts,
        ResolvedAt = facts?.ResolvedAt is { } resolved ? SortableTime.Of(resolved) : null,
    };

    public Ticket ToTicket(string etag) => Ticket with { ETag = CosmosETag.Unquote(etag) };
}
