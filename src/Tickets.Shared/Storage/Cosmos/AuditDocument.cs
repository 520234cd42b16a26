using System.Globalization;
using System.Text.Json;
using Tickets.Administration.Audit;

namespace Tickets.Storage.Cosmos;

/// <summary>The logical partitions of the <c>admin</c> container.</summary>
internal static class AdminPartitions
{
    /// <summary>
    /// Teams, categories, SLA policies and their versions, calendars, assignment turns and the audit entries of their changes:
    /// one logical partition, so a change and its audit entry are one transactional batch, and a read of the configuration is
    /// a single-partition query. A help desk's configuration and its admin changes stay far below a partition's limits.
    /// </summary>
    public const string Config = "config";
}

/// <summary>An audit entry in the <c>admin</c> container; <c>ttl</c> is the retention, so Cosmos removes it when it lapses.</summary>
internal sealed record AuditDocument(
    string Id,
    string Partition,
    string Type,
    string At,
    AuditActor Actor,
    string Action,
    AuditTarget Target,
    JsonElement? Before,
    JsonElement? After,
    int Ttl)
{
    public const string DocumentType = "audit";

    public static string IdOf(string entryId) => "audit:" + entryId;

    public static AuditDocument From(AuditEntry entry, TimeSpan retention) => new(
        IdOf(entry.Id), AdminPartitions.Config, DocumentType, SortableTime.Of(entry.At), entry.Actor, entry.Action, entry.Target,
        entry.Before, entry.After, (int)Math.Min(int.MaxValue, retention.TotalSeconds));

    public AuditEntry ToEntry() => new(
        Id["audit:".Length..], DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        Actor, Action, Target, Before, After);
}
