using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Stats;

/// <summary>
/// <c>GET /stats</c>: figures over the tickets created in [from, to]. Times to first response and to resolution are
/// wall-clock minutes from creation; SLA figures count each target with a known outcome (see <see cref="SlaFigures"/>).
/// </summary>
public sealed record TicketStats(
    DateTimeOffset From,
    DateTimeOffset To,
    long Total,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByPriority,
    IReadOnlyList<AssigneeLoad> OpenByAssignee,
    SlaFigures Sla,
    IReadOnlyDictionary<string, SlaFigures> SlaByPriority,
    double? MeanMinutesToFirstResponse,
    double? MedianMinutesToFirstResponse,
    double? MeanMinutesToResolution,
    IReadOnlyList<DayCount> CreatedPerDay)
{
    /// <summary>
    /// The figures from the period's tickets as both stores project them, and the open load (busiest first, then by id):
    /// one definition of every rule.
    /// </summary>
    public static TicketStats Of(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IReadOnlyList<TicketFigures> rows, IReadOnlyList<AssigneeLoad> load)
    {
        var openByAssignee = load.OrderByDescending(l => l.Open).ThenBy(l => l.AssigneeId, StringComparer.Ordinal).ToList();
        var byStatus = Enum.GetValues<TicketStatus>().ToDictionary(Json.EnumName, s => (long)rows.Count(r => r.Status == s));
        var byPriority = Enum.GetValues<Priority>().ToDictionary(Json.EnumName, p => (long)rows.Count(r => r.Priority == p));
        var slaByPriority = Enum.GetValues<Priority>().ToDictionary(Json.EnumName, p => SlaFigures.Of(rows.Where(r => r.Priority == p), now));

        var toFirstResponse = rows.Where(r => r.FirstResponseAt is not null).Select(r => (r.FirstResponseAt!.Value - r.CreatedAt).TotalMinutes).ToList();
        var toResolution = rows.Where(r => r.ResolvedAt is not null).Select(r => (r.ResolvedAt!.Value - r.CreatedAt).TotalMinutes).ToList();

        var perDay = rows.GroupBy(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new DayCount(g.Key, g.LongCount())).ToList();

        return new TicketStats(
            from, to, rows.Count, byStatus, byPriority, openByAssignee,
            SlaFigures.Of(rows, now), slaByPriority,
            Mean(toFirstResponse), Median(toFirstResponse), Mean(toResolution),
            perDay);
    }

    private static double? Mean(IReadOnlyCollection<double> minutes) => minutes.Count == 0 ? null : Math.Round(minutes.Average(), 1);

    private static double? Median(IReadOnlyCollection<double> minutes)
    {
        if (minutes.Count == 0) return null;
        var sorted = minutes.Order().ToList();
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 1);
    }
}
