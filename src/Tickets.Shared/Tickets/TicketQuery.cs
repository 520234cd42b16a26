using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets;

public enum TicketSort
{
    CreatedAt,
    CreatedAtDescending,
    UpdatedAt,
    UpdatedAtDescending,
    Priority,
    PriorityDescending,
    SlaDue,
}

/// <summary>Filters of <c>GET /tickets</c>, already resolved (<c>me</c> → an id) and scoped to what the caller may see.</summary>
public sealed record TicketQuery
{
    public IReadOnlyList<TicketStatus> Statuses { get; init; } = [];

    public IReadOnlyList<Priority> Priorities { get; init; } = [];

    public IReadOnlyList<string> AssigneeIds { get; init; } = [];

    /// <summary>Unassigned tickets match too (<c>assigneeId=none</c>).</summary>
    public bool Unassigned { get; init; }

    public IReadOnlyList<string> RequesterIds { get; init; } = [];

    /// <summary>Set for users: only this requester's tickets, whatever else is asked.</summary>
    public string? OnlyRequesterId { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>
    /// Tickets in any of these teams (<c>teamId=</c>, <c>mine</c> resolved to the caller's teams); null: any team or none.
    /// An empty list matches nothing (<c>mine</c> for someone in no team).
    /// </summary>
    public IReadOnlyList<string>? TeamIds { get; init; }

    /// <summary><c>teamId</c> as asked (ids and <c>mine</c>, not resolved): what a cursor is bound to.</summary>
    public IReadOnlyList<string> TeamFilter { get; init; } = [];

    /// <summary>Already folded (lower case, no accents).</summary>
    public string? Search { get; init; }

    /// <summary>Tickets with this tag (normalised as stored, <see cref="TicketTags.Normalize"/>); staff only.</summary>
    public string? Tag { get; init; }

    /// <summary>Tickets this account is copied on (<c>ccId=</c>); for a user, their own id, in place of <see cref="OnlyRequesterId"/>.</summary>
    public string? CcId { get; init; }

    /// <summary>Tickets this member of staff follows (<c>followerId=</c>); staff only.</summary>
    public string? FollowerId { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Tickets whose SLA is in any of these conditions at the filter's moment (<c>sla=at_risk,breached</c>).</summary>
    public SlaFilter? Sla { get; init; }

    public TicketSort Sort { get; init; } = TicketSort.CreatedAtDescending;

    public required PageRequest Page { get; init; }

    /// <summary>The list this query's cursors are signed for (<see cref="CursorListFor"/>, worked out once when parsed).</summary>
    public string CursorList { get; init; } = "";

    /// <summary>
    /// <paramref name="list"/> bound to these filters and this sort, whatever order or case they were asked in: the
    /// list its cursors are signed for, so a cursor pages on only under the filters that made it.
    /// </summary>
    public string CursorListFor(string list) => SignedCursors.Filtered(list,
        Canonical(Statuses), Canonical(Priorities), Canonical(AssigneeIds), Unassigned, Canonical(RequesterIds), Canonical(Categories),
        Canonical(TeamFilter), Search, Tag, CreatedFrom, CreatedTo, Sla is null ? null : Canonical(Sla.Conditions), Sort, CcId, FollowerId);

    /// <summary>A filter's values in one order without repeats (most filters are empty or one value: left as they are).</summary>
    private static IReadOnlyList<T> Canonical<T>(IReadOnlyList<T> values) =>
        values.Count < 2 ? values : [.. values.Distinct().Order(typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default)];
}

/// <summary>SLA conditions to match, as of <paramref name="AsOf"/> (the time of the request).</summary>
public sealed record SlaFilter(IReadOnlyList<SlaCondition> Conditions, DateTimeOffset AsOf);
