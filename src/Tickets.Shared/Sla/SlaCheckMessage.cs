namespace Tickets.Sla;

/// <summary>Which point of a target a check is for.</summary>
public enum SlaCheckPoint
{
    /// <summary><c>Tickets:Sla:WarningAt</c> of the target has run: warn.</summary>
    Warning,

    /// <summary>The target is due: breach and escalate.</summary>
    Due,
}

/// <summary>
/// The <c>sla-checks</c> queue message, made visible at <see cref="At"/> by the queue's initial visibility delay. It
/// carries the clock <see cref="Generation"/> it was computed for: after a priority change, a resume or a reopening the
/// ticket's generation moves on and the message is stale.
/// </summary>
public sealed record SlaCheckMessage(string TicketId, SlaTargetKind Target, SlaCheckPoint Point, DateTimeOffset At, int Generation);
