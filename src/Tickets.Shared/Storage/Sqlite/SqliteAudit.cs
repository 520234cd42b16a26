using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;

namespace Tickets.Storage.Sqlite;

/// <summary>Appends an audit entry inside the transaction of the change it records (every management store calls this).</summary>
internal static class SqliteAudit
{
    public static async Task AppendAsync(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO audit_entries (id, at, actor_id, actor_name, action, target_type, target_id, target_name, before, after)
            VALUES ($id, $at, $actorId, $actorName, $action, $targetType, $targetId, $targetName, $before, $after)
            """, transaction)
            .With("$id", entry.Id).With("$at", entry.At.Ticks()).With("$actorId", entry.Actor.Id).With("$actorName", entry.Actor.Name)
            .With("$action", entry.Action).With("$targetType", entry.Target.Type).With("$targetId", entry.Target.Id)
            .With("$targetName", entry.Target.Name)
            .With("$before", entry.Before is { } before ? JsonSerializer.Serialize(before) : null)
            .With("$after", entry.After is { } after ? JsonSerializer.Serialize(after) : null);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
