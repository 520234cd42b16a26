
namespace Tickets.Tickets;

public enum AssignmentMode
{
    Manual,
    RoundRobin,
    LeastLoaded,
}

/// <summary><c>Tickets:Assignment</c>.</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Tickets:Assignment";

    public AssignmentMode Mode { get; set; } = AssignmentMode.Manual;
}
