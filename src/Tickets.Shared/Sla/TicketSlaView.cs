namespace Tickets.Sla;

/// <summary>
/// A ticket's <c>sla</c> as the API shows it: the clock's stored times and flags, and the server-computed condition of
/// the running target (<c>state</c>, <c>target</c>, <c>dueAt</c>, <c>warningAt</c>, <c>remainingMinutes</c>), so no
/// client computes SLA rules itself.
/// </summary>
public sealed record TicketSlaView(
    string Policy,
    string Calendar,
    DateTimeOffset FirstResponseDueAt,
    DateTimeOffset ResolutionDueAt,
    DateTimeOffset? FirstResponseWarningAt,
    DateTimeOffset? ResolutionWarningAt,
    bool FirstResponseBreached,
    bool ResolutionBreached,
    int EscalationLevel,
    DateTimeOffset? PausedAt,
    SlaCondition State,
    SlaTargetKind Target,
    DateTimeOffset DueAt,
    DateTimeOffset WarningAt,
    long? RemainingMinutes)
{
    public static TicketSlaView Of(SlaState sla, SlaStatus status) => new(
        sla.Policy, sla.Calendar, sla.FirstResponseDueAt, sla.ResolutionDueAt, sla.FirstResponseWarningAt, sla.ResolutionWarningAt,
        sla.FirstResponseBreached, sla.ResolutionBreached, sla.EscalationLevel, sla.PausedAt,
        status.State, status.Target, status.DueAt, status.WarningAt, status.RemainingMinutes);
}
