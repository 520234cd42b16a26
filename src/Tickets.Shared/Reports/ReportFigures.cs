using Tickets.Tickets;

namespace Tickets.Reports;

/// <summary>The median and 90th percentile of a set of minutes, by nearest rank; null for an empty set.</summary>
public sealed record Percentiles(long Count, long? Median, long? P90)
{
    /// <summary>The 0-based position of percentile <paramref name="p"/> (0–1) in <paramref name="count"/> sorted values: nearest rank, ⌈p·n⌉ − 1.</summary>
    public static long Rank(double p, long count) => Math.Max(0, (long)Math.Ceiling(p * count) - 1);

    public static Percentiles Of(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? new Percentiles(0, null, null)
            : new Percentiles(sorted.Count, sorted[(int)Rank(0.5, sorted.Count)], sorted[(int)Rank(0.9, sorted.Count)]);
    }
}

/// <summary>Tickets whose SLA was kept and broken in one group (a priority, team or assignee; key null: none); others are still running.</summary>
public sealed record ComplianceCount(string? Key, string? Name, long Met, long Breached);

/// <summary>Good and bad ratings in one group (a team or assignee; key null: none, or every rated ticket overall).</summary>
public sealed record SatisfactionCount(string? Key, string? Name, long Good, long Bad);

/// <summary>Created and resolved tickets on one day of the range (the day starting at <see cref="ReportFilter.DayStarts"/>[i]).</summary>
public sealed record DayFigures(long Created, long Resolved);

/// <summary>
/// What a store sums for a report: first response and resolution minutes (of tickets created in the range), SLA kept or
/// broken overall and per priority, team and assignee, open work per age band (at <see cref="ReportFilter.Now"/>, any
/// creation date), created and resolved per day, how many resolved tickets were reopened, and the requesters' latest
/// ratings of the tickets created in the range, overall and per team and assignee.
/// </summary>
public sealed record ReportFigures(
    Percentiles FirstResponse,
    Percentiles Resolution,
    ComplianceCount Overall,
    IReadOnlyList<ComplianceCount> ByPriority,
    IReadOnlyList<ComplianceCount> ByTeam,
    IReadOnlyList<ComplianceCount> ByAssignee,
    IReadOnlyList<long> Backlog,
    IReadOnlyList<DayFigures> Days,
    long Resolved,
    long Reopened,
    SatisfactionCount Satisfaction,
    IReadOnlyList<SatisfactionCount> SatisfactionByTeam,
    IReadOnlyList<SatisfactionCount> SatisfactionByAssignee)
{
    /// <summary>The lower bounds of the backlog's age bands: under 1 day, 1–3, 3–7, 7–30, over 30.</summary>
    public static readonly IReadOnlyList<TimeSpan> BacklogBands = [TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(30)];

    /// <summary>The band of open work created at <paramref name="createdAt"/>, seen at <paramref name="now"/>.</summary>
    public static int BandOf(DateTimeOffset createdAt, DateTimeOffset now)
    {
        var age = now - createdAt;
        for (var band = BacklogBands.Count - 1; band > 0; band--)
            if (age >= BacklogBands[band]) return band;
        return 0;
    }

    /// <summary>
    /// The rules, in C#: what the SQLite adapter computes in SQL and the Cosmos adapter computes from its projections.
    /// </summary>
    /// <param name="created">Facts of the tickets created in the range (filtered by team and category).</param>
    /// <param name="resolved">Facts of the tickets resolved in the range (same filters), whenever they were created.</param>
    /// <param name="open">Facts of all open work (same filters), whenever it was created.</param>
    public static ReportFigures Of(ReportFilter filter, IReadOnlyCollection<TicketFacts> created, IReadOnlyCollection<TicketFacts> resolved, IReadOnlyCollection<TicketFacts> open)
    {
        var backlog = new long[BacklogBands.Count];
        foreach (var fact in open.Where(f => f.Open)) backlog[BandOf(fact.CreatedAt, filter.Now)]++;

        var days = new List<DayFigures>(filter.DayStarts.Count - 1);
        for (var i = 0; i + 1 < filter.DayStarts.Count; i++)
        {
            var (start, end) = (filter.DayStarts[i], filter.DayStarts[i + 1]);
            days.Add(new DayFigures(
                created.LongCount(f => f.CreatedAt >= start && f.CreatedAt < end),
                resolved.LongCount(f => f.ResolvedAt >= start && f.ResolvedAt < end)));
        }

        bool? Kept(TicketFacts f) => f.SlaMet;
        bool? Pleased(TicketFacts f) => f.Satisfaction is { } rating ? rating == SatisfactionRating.Good : null;
        ComplianceCount Compliance(string? key, string? name, IEnumerable<TicketFacts> facts)
        {
            var (met, breached) = Split(facts, Kept);
            return new ComplianceCount(key, name, met, breached);
        }

        SatisfactionCount Satisfaction(string? key, string? name, IEnumerable<TicketFacts> facts)
        {
            var (good, bad) = Split(facts, Pleased);
            return new SatisfactionCount(key, name, good, bad);
        }

        return new ReportFigures(
            Percentiles.Of(created.Where(f => f.FirstResponseMinutes is not null).Select(f => f.FirstResponseMinutes!.Value)),
            Percentiles.Of(created.Where(f => f.ResolutionMinutes is not null).Select(f => f.ResolutionMinutes!.Value)),
            Compliance(null, null, created),
            [.. created.GroupBy(f => f.Priority).OrderBy(g => g.Key).Where(g => Any(g, Kept)).Select(g => Compliance(Common.Json.EnumName(g.Key), null, g))],
            [.. GroupedByTeam(created, Kept).Select(g => Compliance(g.Key, g.Max(f => f.TeamName), g))],
            [.. GroupedByAssignee(created, Kept).Select(g => Compliance(g.Key, g.Max(f => f.AssigneeName), g))],
            backlog,
            days,
            created.LongCount(f => f.Resolved),
            created.LongCount(f => f.Reopened),
            Satisfaction(null, null, created),
            [.. GroupedByTeam(created, Pleased).Select(g => Satisfaction(g.Key, g.Max(f => f.TeamName), g))],
            [.. GroupedByAssignee(created, Pleased).Select(g => Satisfaction(g.Key, g.Max(f => f.AssigneeName), g))]);
    }

    /// <summary>How many of <paramref name="facts"/> have <paramref name="flag"/> true and false (null: not counted).</summary>
    private static (long Yes, long No) Split(IEnumerable<TicketFacts> facts, Func<TicketFacts, bool?> flag)
    {
        long yes = 0, no = 0;
        foreach (var fact in facts)
        {
            if (flag(fact) == true) yes++;
            else if (flag(fact) == false) no++;
        }

        return (yes, no);
    }

    /// <summary>A group with nothing judged (no SLA kept or broken, no rating) has no figure to show.</summary>
    private static bool Any(IEnumerable<TicketFacts> facts, Func<TicketFacts, bool?> flag) => facts.Any(f => flag(f) is not null);

    private static IEnumerable<IGrouping<string?, TicketFacts>> GroupedByTeam(IEnumerable<TicketFacts> facts, Func<TicketFacts, bool?> flag) =>
        facts.GroupBy(f => f.TeamId).OrderBy(g => g.Key, StringComparer.Ordinal).Where(g => Any(g, flag));

    private static IEnumerable<IGrouping<string?, TicketFacts>> GroupedByAssignee(IEnumerable<TicketFacts> facts, Func<TicketFacts, bool?> flag) =>
        facts.GroupBy(f => f.AssigneeId).OrderBy(g => g.Key, StringComparer.Ordinal).Where(g => Any(g, flag));

}
