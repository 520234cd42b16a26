using Tickets.Common;

namespace Tickets.Administration.Audit;

/// <summary>
/// The admin audit log as the product reads it. Entries are appended only by the management writes themselves (each store's
/// write of a change takes its <see cref="AuditEntry"/>); nothing here edits or appends one.
/// </summary>
public interface IAuditStore
{
    /// <summary>Newest first (time, then id, both descending), under <paramref name="query"/>'s filters; keyset paged.</summary>
    Task<Page<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The log's upkeep, run by the <c>AuditSweep</c> timer: removes entries older than <paramref name="expiredBefore"/>
    /// where the store does not expire them itself (SQLite), and delivers entries a crash left inside the documents of the
    /// changes they record (Cosmos: user changes, see <c>docs/audit.md</c>).
    /// </summary>
    Task<AuditSweep> SweepAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default);
}

/// <summary>What one sweep did: entries removed past their retention, entries delivered to the log late.</summary>
public sealed record AuditSweep(int Removed, int Relayed);

/// <summary>Filters of <c>GET /audit</c>, validated; empty lists and nulls filter nothing.</summary>
public sealed record AuditQuery(
    string? ActorId,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> TargetTypes,
    string? TargetId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    PageRequest Page)
{
    /// <summary>The keyset cursor after <paramref name="entry"/>: its time in UTC ticks, then its id.</summary>
    public static IReadOnlyList<string?> KeyOf(AuditEntry entry) =>
        [entry.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Id];

    /// <summary>A cursor <see cref="KeyOf"/> wrote, read back (time and id), or false.</summary>
    public static bool TryReadKey(string? cursor, out DateTimeOffset at, out string id)
    {
        at = default;
        id = "";
        if (cursor is null || !Cursor.TryDecode(cursor, 2, out var key) || key[0] is not { } ticks || key[1] is not { } entryId) return false;
        if (!long.TryParse(ticks, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < DateTimeOffset.MinValue.UtcTicks || value > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        at = new DateTimeOffset(value, TimeSpan.Zero);
        id = entryId;
        return true;
    }
}
