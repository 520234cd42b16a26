using Microsoft.Extensions.Options;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>The SLA clock on a ticket: due times, breach flags, escalation level and the pause while on hold.</summary>
public sealed record SlaState(
    string Policy,
    DateTimeOffset FirstResponseDueAt,
    DateTimeOffset ResolutionDueAt,
    bool FirstResponseBreached,
    bool ResolutionBreached,
    int EscalationLevel,
    DateTimeOffset? PausedAt)
{
    /// <summary>The next target still running: first response until there is one, then resolution.</summary>
    public DateTimeOffset NextDueAt(bool responded) => responded ? ResolutionDueAt : FirstResponseDueAt;
}

/// <summary>
/// Applies the configured policy: due times at creation and on priority change. The clock is 24×7; the
/// business-calendar variant belongs to the SLA issue and plugs in here.
/// </summary>
public sealed class SlaPolicy(IOptions<SlaOptions> options)
{
    private SlaOptions Settings => options.Value;

    /// <summary>Policy id and version, copied onto the ticket, e.g. <c>default:v1</c>.</summary>
    public string Name => $"{Settings.PolicyId}:v{Settings.Version}";

    public SlaTarget TargetFor(Priority priority) => Settings.For(priority);

    public SlaState Start(Priority priority, DateTimeOffset createdAt)
    {
        var target = Settings.For(priority);
        return new SlaState(Name, createdAt + target.FirstResponse, createdAt + target.Resolution, false, false, 0, null);
    }

    /// <summary>
    /// New targets measured from creation, keeping any time already spent on hold (the shift earlier resumes
    /// applied): due = old due − old target + new target.
    /// </summary>
    public SlaState Reprioritise(SlaState sla, Priority from, Priority to)
    {
        var before = Settings.For(from);
        var after = Settings.For(to);
        return sla with
        {
            Policy = Name,
            FirstResponseDueAt = sla.FirstResponseDueAt - before.FirstResponse + after.FirstResponse,
            ResolutionDueAt = sla.ResolutionDueAt - before.Resolution + after.Resolution,
        };
    }
}
