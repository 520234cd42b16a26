using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>What the clock is doing, independent of the time: running, paused, or finished as met or breached.</summary>
public enum SlaPhase
{
    Running,
    Paused,
    Met,
    Breached,
}

/// <summary>
/// The time-independent part of a ticket's SLA condition: the target that matters (first response until there is one,
/// then resolution), its due time and warning point, and the phase. Stores keep it in columns, so a list can ask for the
/// condition at any moment with a plain predicate. <see cref="ConditionAt"/> and <see cref="Predicate"/> are the one
/// definition of that rule, in C# and as query text.
/// </summary>
public sealed record SlaStanding(SlaPhase Phase, SlaTargetKind Target, DateTimeOffset DueAt, DateTimeOffset WarningAt)
{
    public static SlaStanding Of(Ticket ticket)
    {
        var sla = ticket.Sla;
        if (!ticket.IsWorkOpen)
        {
            // Resolved or closed: the outcome is fixed. A breach of either target marks the ticket.
            var finished = sla.FirstResponseBreached || sla.ResolutionBreached ? SlaPhase.Breached : SlaPhase.Met;
            return new SlaStanding(finished, SlaTargetKind.Resolution, sla.ResolutionDueAt, sla.ResolutionWarningAt ?? sla.ResolutionDueAt);
        }

        var (target, due, warning, flagged) = ticket.FirstResponseAt is null
            ? (SlaTargetKind.FirstResponse, sla.FirstResponseDueAt, sla.FirstResponseWarningAt, sla.FirstResponseBreached)
            : (SlaTargetKind.Resolution, sla.ResolutionDueAt, sla.ResolutionWarningAt, sla.ResolutionBreached);
        var phase = flagged ? SlaPhase.Breached
            // Put on hold after it was already due: the pause cannot undo that.
            : sla.PausedAt is { } pausedAt ? (pausedAt >= due ? SlaPhase.Breached : SlaPhase.Paused)
            : SlaPhase.Running;
        return new SlaStanding(phase, target, due, warning ?? due);
    }

    /// <summary>The condition at <paramref name="now"/>; the warning point is never after the due time.</summary>
    public SlaCondition ConditionAt(DateTimeOffset now) => Phase switch
    {
        SlaPhase.Running when now >= DueAt => SlaCondition.Breached,
        SlaPhase.Running when now >= WarningAt => SlaCondition.AtRisk,
        SlaPhase.Running => SlaCondition.OnTrack,
        SlaPhase.Paused => SlaCondition.Paused,
        SlaPhase.Met => SlaCondition.Met,
        _ => SlaCondition.Breached,
    };

    /// <summary>
    /// <see cref="ConditionAt"/> as a query predicate, in the syntax SQLite and Cosmos SQL share, over the stored
    /// <paramref name="phase"/> (<see cref="SlaPhase"/> names), <paramref name="warningAt"/> and <paramref name="dueAt"/>
    /// (comparable instants) and the parameter <paramref name="now"/>. Only fixed text goes in; values stay parameters.
    /// </summary>
    public static string Predicate(SlaCondition condition, string phase, string warningAt, string dueAt, string now)
    {
        static string Is(string column, SlaPhase value) => $"{column} = '{Json.EnumName(value)}'";
        return condition switch
        {
            SlaCondition.OnTrack => $"({Is(phase, SlaPhase.Running)} AND {warningAt} > {now})",
            SlaCondition.AtRisk => $"({Is(phase, SlaPhase.Running)} AND {warningAt} <= {now} AND {dueAt} > {now})",
            SlaCondition.Breached => $"({Is(phase, SlaPhase.Breached)} OR ({Is(phase, SlaPhase.Running)} AND {dueAt} <= {now}))",
            SlaCondition.Paused => Is(phase, SlaPhase.Paused),
            _ => Is(phase, SlaPhase.Met),
        };
    }
}
