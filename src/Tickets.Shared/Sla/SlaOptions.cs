using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary><c>Tickets:Sla</c>: the targets per priority (defaults in docs/architecture.md, "SLA") on a 24×7 clock.</summary>
public sealed class SlaOptions
{
    public const string Section = "Tickets:Sla";

    public string PolicyId { get; set; } = "default";

    /// <summary>Raise when targets change, so tickets show which version was applied to them.</summary>
    public int Version { get; set; } = 1;

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
}

public sealed class SlaTarget
{
    public TimeSpan FirstResponse { get; set; }

    public TimeSpan Resolution { get; set; }
}
