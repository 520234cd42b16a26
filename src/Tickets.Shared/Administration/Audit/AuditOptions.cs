namespace Tickets.Administration.Audit;

/// <summary><c>Tickets:Audit</c>: how long the admin audit log keeps its entries.</summary>
public sealed class AuditOptions
{
    public const string Section = "Tickets:Audit";

    /// <summary><c>Tickets:Audit:RetentionDays</c>, 1–3650 (default 400): entries older than this are removed (Cosmos TTL, a timer on SQLite).</summary>
    public int RetentionDays { get; set; } = 400;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    public static IEnumerable<(string Key, string Message)> Rules(AuditOptions options)
    {
        if (options.RetentionDays is < 1 or > 3650) yield return (nameof(RetentionDays), "must be between 1 and 3650 days.");
    }
}
