using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// <c>Tickets:Sla</c>: the targets per priority (first response / resolution), the calendar each runs on, the warning point
/// and what a breach does. Defaults: critical 1 h / 4 h, high 4 h / 24 h, medium 8 h / 72 h, low 24 h / 120 h, all 24×7.
/// </summary>
public sealed class SlaOptions
{
    public const string Section = "Tickets:Sla";

    public string PolicyId { get; set; } = "default";

    /// <summary>Raise when targets change, so tickets show which version was applied to them.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The share of a target after which the ticket is at risk and its assignee is warned.</summary>
    public double WarningAt { get; set; } = 0.75;

    /// <summary>A breach also raises the ticket's priority one step (the escalation check applies it).</summary>
    public bool RaisePriorityOnBreach { get; set; }

    /// <summary>The business calendar, for the priorities whose <see cref="SlaTarget.Calendar"/> is <c>business</c>.</summary>
    public SlaCalendarOptions Calendar { get; set; } = new();

    public SlaTarget Critical { get; set; } = new() { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(4) };

    public SlaTarget High { get; set; } = new() { FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) };

    public SlaTarget Medium { get; set; } = new() { FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromHours(72) };

    public SlaTarget Low { get; set; } = new() { FirstResponse = TimeSpan.FromHours(24), Resolution = TimeSpan.FromHours(120) };

    public SlaTarget For(Priority priority) => priority switch
    {
        Priority.Critical => Critical,
        Priority.High => High,
        Priority.Medium => Medium,
        _ => Low,
    };

    /// <summary>Every invalid setting, each naming its configuration key; empty when all are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PolicyId)) problems.Add($"{Section}:PolicyId: must not be empty.");
        if (Version < 1) problems.Add($"{Section}:Version: must be 1 or more.");
        if (!(WarningAt > 0 && WarningAt < 1)) problems.Add($"{Section}:WarningAt: must be a fraction between 0 and 1 (exclusive), e.g. 0.75.");
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var key = $"{Section}:{priority}";
            var target = For(priority);
            if (target.FirstResponse <= TimeSpan.Zero) problems.Add($"{key}:FirstResponse: must be longer than zero (hh:mm:ss).");
            if (target.Resolution <= TimeSpan.Zero) problems.Add($"{key}:Resolution: must be longer than zero (hh:mm:ss).");
            if (!SlaTarget.IsKnownCalendar(target.Calendar))
                problems.Add($"{key}:Calendar: '{target.Calendar}' is not a calendar: use {TwentyFourSeven.CalendarName} or {BusinessCalendar.CalendarName}.");
        }

        Calendar.Build($"{Section}:Calendar", problems);
        return problems;
    }
}

/// <summary>One priority's targets and the calendar they are measured in.</summary>
public sealed class SlaTarget
{
    public TimeSpan FirstResponse { get; set; }

    public TimeSpan Resolution { get; set; }

    /// <summary><c>24x7</c> (default) or <c>business</c> (the <c>Tickets:Sla:Calendar</c> working hours).</summary>
    public string Calendar { get; set; } = TwentyFourSeven.CalendarName;

    public bool RunsOnBusinessCalendar => string.Equals(Calendar?.Trim(), BusinessCalendar.CalendarName, StringComparison.OrdinalIgnoreCase);

    public static bool IsKnownCalendar(string? name) =>
        string.Equals(name?.Trim(), TwentyFourSeven.CalendarName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name?.Trim(), BusinessCalendar.CalendarName, StringComparison.OrdinalIgnoreCase);
}
