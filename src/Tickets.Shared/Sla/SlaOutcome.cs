namespace Tickets.Sla;

/// <summary>Where one SLA target (first response or resolution) stands: not known yet, met, or breached.</summary>
public enum SlaOutcome
{
    Pending,
    Met,
    Breached,
}

/// <summary>The one rule for met and breached, used by the SLA report of a ticket and by the figures of <c>/stats</c>.</summary>
public static class SlaOutcomes
{
    /// <summary>
    /// A target flagged late (the aggregate flags a late answer when it is given, measuring pauses) is breached; one
    /// reached otherwise is met; one still awaited is breached once its clock stands at or past the due time (the same
    /// instant <see cref="SlaStanding.ConditionAt"/> calls breached), else pending.
    /// </summary>
    /// <param name="reached">The target was reached (first response given, ticket resolved).</param>
    /// <param name="flagged">The aggregate recorded the target as breached.</param>
    /// <param name="due">The target's due time.</param>
    /// <param name="clockAt">Where the target's clock stands (the pause while on hold); null when it no longer runs.</param>
    public static SlaOutcome Of(bool reached, bool flagged, DateTimeOffset due, DateTimeOffset? clockAt) =>
        flagged ? SlaOutcome.Breached
        : reached ? SlaOutcome.Met
        : clockAt >= due ? SlaOutcome.Breached
        : SlaOutcome.Pending;
}
