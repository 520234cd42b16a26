namespace Tickets.Reports;

/// <summary>Minutes to a target, on each ticket's SLA calendar (business minutes where it runs on one): nearest-rank median and 90th percentile.</summary>
/// <param name="Count">How many tickets were measured.</param>
public sealed record MinutesFigure(long? MedianMinutes, long? P90Minutes, long Count);

/// <summary>Tickets whose SLA was kept (both targets met) and broken (either breached); <see cref="Rate"/> = met ÷ both, null with none judged.</summary>
public sealed record ComplianceFigure(long Met, long Breached, double? Rate);

public sealed record PriorityCompliance(Tickets.Priority Priority, long Met, long Breached, double? Rate);

/// <summary>Compliance of a team's tickets; id null: tickets in no team.</summary>
public sealed record TeamCompliance(string? TeamId, string? Name, long Met, long Breached, double? Rate);

/// <summary>Compliance of an assignee's tickets; id null: unassigned tickets.</summary>
public sealed record AssigneeCompliance(string? AssigneeId, string? Name, long Met, long Breached, double? Rate);

public sealed record SlaCompliance(
    ComplianceFigure Overall, IReadOnlyList<PriorityCompliance> ByPriority, IReadOnlyList<TeamCompliance> ByTeam, IReadOnlyList<AssigneeCompliance> ByAssignee);

/// <summary>Open work in one age band: <c>lt_1d</c>, <c>1_3d</c>, <c>3_7d</c>, <c>7_30d</c>, <c>gt_30d</c>.</summary>
public sealed record BacklogBand(string Band, long Count);

/// <summary>Tickets created and resolved on one date of the organisation's zone.</summary>
public sealed record DayCounts(DateOnly Date, long Created, long Resolved);

/// <summary>Resolved tickets later reopened, of those resolved; <see cref="Rate"/> null when none was resolved.</summary>
public sealed record ReopenFigure(long Resolved, long Reopened, double? Rate);

/// <summary>Good and bad ratings of one team's or assignee's tickets; <see cref="Score"/> = good ÷ rated. Id null: no team / unassigned.</summary>
public sealed record GroupSatisfaction(string? Id, string? Name, long Good, long Bad, double? Score);

/// <summary>
/// The requesters' satisfaction with the tickets created in the range (each ticket's latest rating): good, bad and the
/// score (good ÷ rated, null with none rated), overall and by team and assignee (only groups with a rating).
/// </summary>
public sealed record SatisfactionFigure(long Good, long Bad, double? Score, IReadOnlyList<GroupSatisfaction> ByTeam, IReadOnlyList<GroupSatisfaction> ByAssignee);

/// <summary>
/// <c>GET /reports/summary</c>: how the team did on the tickets created from <see cref="From"/> to <see cref="To"/>
/// (dates in <see cref="TimeZone"/>, both whole), and the backlog now.
/// </summary>
public sealed record ReportSummary(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    string? TeamId,
    string? Category,
    MinutesFigure FirstResponse,
    MinutesFigure Resolution,
    SlaCompliance SlaCompliance,
    IReadOnlyList<BacklogBand> BacklogByAge,
    IReadOnlyList<DayCounts> CreatedVsResolved,
    ReopenFigure ReopenRate,
    SatisfactionFigure Satisfaction)
{
    /// <summary>The names of <see cref="ReportFigures.BacklogBands"/>, in order.</summary>
    public static readonly IReadOnlyList<string> BandNames = ["lt_1d", "1_3d", "3_7d", "7_30d", "gt_30d"];

    public static ReportSummary Of(DateOnly from, DateOnly to, string timeZone, string? teamId, string? category, ReportFigures figures) => new(
        from,
        to,
        timeZone,
        teamId,
        category,
        new MinutesFigure(figures.FirstResponse.Median, figures.FirstResponse.P90, figures.FirstResponse.Count),
        new MinutesFigure(figures.Resolution.Median, figures.Resolution.P90, figures.Resolution.Count),
        new SlaCompliance(
            new ComplianceFigure(figures.Overall.Met, figures.Overall.Breached, Rate(figures.Overall.Met, figures.Overall.Met + figures.Overall.Breached)),
            [.. figures.ByPriority.Select(c => new PriorityCompliance(
                Common.Json.TryParseEnum<Tickets.Priority>(c.Key, out var p) ? p : throw new InvalidDataException($"Unknown priority '{c.Key}' in report figures."),
                c.Met, c.Breached, Rate(c.Met, c.Met + c.Breached)))],
            [.. figures.ByTeam.Select(c => new TeamCompliance(c.Key, c.Name, c.Met, c.Breached, Rate(c.Met, c.Met + c.Breached)))],
            [.. figures.ByAssignee.Select(c => new AssigneeCompliance(c.Key, c.Name, c.Met, c.Breached, Rate(c.Met, c.Met + c.Breached)))]),
        [.. figures.Backlog.Select((count, i) => new BacklogBand(BandNames[i], count))],
        [.. figures.Days.Select((d, i) => new DayCounts(from.AddDays(i), d.Created, d.Resolved))],
        new ReopenFigure(figures.Resolved, figures.Reopened, Rate(figures.Reopened, figures.Resolved)),
        new SatisfactionFigure(
            figures.Satisfaction.Good, figures.Satisfaction.Bad, Rate(figures.Satisfaction.Good, figures.Satisfaction.Good + figures.Satisfaction.Bad),
            [.. figures.SatisfactionByTeam.Select(Group)],
            [.. figures.SatisfactionByAssignee.Select(Group)]));

    private static GroupSatisfaction Group(SatisfactionCount c) => new(c.Key, c.Name, c.Good, c.Bad, Rate(c.Good, c.Good + c.Bad));

    /// <summary>A share to four decimals; null when there is nothing to divide.</summary>
    public static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
