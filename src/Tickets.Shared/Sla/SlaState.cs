using Tickets.Common;

namespace Tickets.Sla;

/// <summary>
/// The SLA clock on a ticket: due times and warning points of both targets, breach flags, escalation level and pauses.
/// Due times and warning points are instants computed in the ticket's calendar (<see cref="Calendar"/>); every change to
/// them raises <see cref="Generation"/>.
/// </summary>
public sealed record SlaState
{
    /// <summary>Policy id and version applied, e.g. <c>default:v1</c>.</summary>
    public required string Policy { get; init; }

    /// <summary>The calendar the running targets are measured in: <c>24x7</c> or <c>business</c>.</summary>
    public string Calendar { get; init; } = TwentyFourSeven.CalendarName;

    public required DateTimeOffset FirstResponseDueAt { get; init; }

    public required DateTimeOffset ResolutionDueAt { get; init; }

    /// <summary>When <c>Tickets:Sla:WarningAt</c> of the first-response target has run; null on tickets from before warning points.</summary>
    public DateTimeOffset? FirstResponseWarningAt { get; init; }

    /// <summary>When <c>Tickets:Sla:WarningAt</c> of the resolution target has run; null on tickets from before warning points.</summary>
    public DateTimeOffset? ResolutionWarningAt { get; init; }

    public bool FirstResponseBreached { get; init; }

    public bool ResolutionBreached { get; init; }

    public int EscalationLevel { get; init; }

    /// <summary>Set while the ticket is on hold: the clock stands still.</summary>
    public DateTimeOffset? PausedAt { get; init; }

    /// <summary>When reopening last restarted the resolution clock; null: it runs from creation.</summary>
    public DateTimeOffset? ResolutionRestartedAt { get; init; }

    /// <summary>
    /// Whole minutes from creation to the first response on <see cref="Calendar"/> (business minutes on a business
    /// calendar, time on hold included), measured when it was given; null before, and on tickets answered before reports.
    /// </summary>
    public long? FirstResponseMinutes { get; init; }

    /// <summary>As <see cref="FirstResponseMinutes"/>, from creation to the latest resolution; kept through a reopening.</summary>
    public long? ResolutionMinutes { get; init; }

    /// <summary>Finished pauses of the running clocks, oldest first: a priority change re-measures the targets with them.</summary>
    public ValueList<SlaPauseSpan> Pauses { get; init; } = [];

    /// <summary>
    /// Raised whenever a due time or warning point changes (priority change, resume, reopen). A scheduled SLA check carries
    /// the generation it was computed for; one from an earlier generation is stale.
    /// </summary>
    public int Generation { get; init; }

    /// <summary>The <see cref="Generation"/> whose first-response warning was given; a warning is given once per generation.</summary>
    public int? FirstResponseWarnedGeneration { get; init; }

    /// <summary>The <see cref="Generation"/> whose resolution warning was given.</summary>
    public int? ResolutionWarnedGeneration { get; init; }

    /// <summary>The next target still running: first response until there is one, then resolution.</summary>
    public DateTimeOffset NextDueAt(bool responded) => responded ? ResolutionDueAt : FirstResponseDueAt;
}

/// <summary>A stretch on hold, from pause to resume.</summary>
public sealed record SlaPauseSpan(DateTimeOffset From, DateTimeOffset To);
