using Tickets.Sla;

namespace Tickets.Stats;

/// <summary>
/// Targets with a known outcome: a first response or resolution in time is met; one flagged late, or still awaited on an
/// open ticket past its due time (measured at the pause while on hold), is breached. Compliance is met / (met + breached)
/// in percent, null when nothing is known yet.
/// </summary>
public sealed record SlaFigures(long Met, long Breached, double? CompliancePercent)
{
    public static SlaFigures Of(IEnumerable<TicketFigures> rows, DateTimeOffset now)
    {
        long met = 0, breached = 0;
        foreach (var row in rows)
        {
            // Finished tickets' unreached targets no longer run: only what was flagged or reached counts for them.
            var clockAt = row.IsWorkOpen ? row.Sla.PausedAt ?? now : (DateTimeOffset?)null;
            foreach (var outcome in new[]
            {
                SlaOutcomes.Of(row.FirstResponseAt is not null, row.Sla.FirstResponseBreached, row.Sla.FirstResponseDueAt, clockAt),
                SlaOutcomes.Of(row.ResolvedAt is not null, row.Sla.ResolutionBreached, row.Sla.ResolutionDueAt, clockAt),
            })
            {
                if (outcome == SlaOutcome.Breached) breached++;
                else if (outcome == SlaOutcome.Met) met++;
            }
        }

        return new SlaFigures(met, breached, met + breached == 0 ? null : Math.Round(100.0 * met / (met + breached), 1));
    }
}
