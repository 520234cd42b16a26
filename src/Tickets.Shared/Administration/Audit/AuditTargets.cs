namespace Tickets.Administration.Audit;

/// <summary>The kinds of things management changes are made to (<see cref="AuditTarget.Type"/>).</summary>
public static class AuditTargets
{
    public const string User = "user";
    public const string Team = "team";
    public const string Category = "category";
    public const string SlaPolicy = "slaPolicy";
    public const string Calendar = "calendar";

    public static IReadOnlyList<string> All { get; } = [User, Team, Category, SlaPolicy, Calendar];
}
