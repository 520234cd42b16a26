
namespace Tickets.Tickets;

public enum AssignmentMode
{
    Manual,
    RoundRobin,
    LeastLoaded,
}

/// <summary><c>Tickets:Assignment</c>: how tickets that are in no team are assigned (a team's tickets follow the team's own mode).</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Tickets:Assignment";

    /// <summary><c>Tickets:Assignment:Mode</c> for tickets without a team, among all active technicians (default manual: left unassigned).</summary>
    public AssignmentMode Mode { get; set; } = AssignmentMode.Manual;
}
