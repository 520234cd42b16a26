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

    /// <summary>Already folded (lower case, no accents).</summary>
    public string? Search { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Tickets whose SLA is in any of these conditions at the filter's moment (<c>sla=at_risk,breached</c>).</summary>
    public SlaFilter? Sla { get; init; }

    public TicketSort Sort { get; init; } = TicketSort.CreatedAtDescending;

    public required PageRequest Page { get; init; }

    /// <summary>
    /// <paramref name="list"/> bound to these filters and this sort, whatever order or case they were asked in: the
    /// list its cursors are signed for, so a cursor pages on only under the filters that made it.
    /// </summary>
    public string CursorList(string list) => SignedCursors.Filtered(list,
        Statuses.Distinct().Order(), Priorities.Distinct().Order(), AssigneeIds.Distinct().Order(StringComparer.Ordinal), Unassigned,
        RequesterIds.Distinct().Order(StringComparer.Ordinal), Categories.Distinct().Order(StringComparer.Ordinal), Search,
        CreatedFrom?.ToUniversalTime(), CreatedTo?.ToUniversalTime(), Sla?.Conditions.Distinct().Order(), Sort);
}

/// <summary>SLA conditions to match, as of <paramref name="AsOf"/> (the time of the request).</summary>
public sealed record SlaFilter(IReadOnlyList<SlaCondition> Conditions, DateTimeOffset AsOf);
