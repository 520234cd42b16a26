using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;
using Tickets.Common;

namespace Tickets.Storage.Sqlite.Administration;

/// <summary>
/// The admin audit log in <c>audit_entries</c> (appended by each management write through <see cref="SqliteAudit"/>, in its
/// transaction). Lists read the <c>(at DESC, id DESC)</c> indexes; retention is a batched delete run by the sweep.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    /// <summary>Rows one delete removes: each batch is one short write through the single writer, so requests keep flowing.</summary>
    internal const int PurgeBatch = 500;

    private const string Columns = "id, at, actor_id, actor_name, action, target_type, target_id, target_name, before, after";

    public async Task<Page<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("");
        var where = new StringBuilder("1 = 1");

        if (query.ActorId is { } actor)
        {
            where.Append(" AND actor_id = $actor");
            command.With("$actor", actor);
        }

        In(where, command, "action", query.Actions);
        In(where, command, "target_type", query.TargetTypes);
        if (query.TargetId is { } targetId)
        {
            where.Append(" AND target_id = $targetId");
            command.With("$targetId", targetId);
        }

        if (query.From is { } from)
        {
            where.Append(" AND at >= $from");
            command.With("$from", from.Ticks());
        }

        if (query.To is { } to)
        {
            where.Append(" AND at <= $to");
            command.With("$to", to.Ticks());
        }

        if (AuditQuery.TryReadKey(query.Page.Cursor, out var afterAt, out var afterId))
        {
            where.Append(" AND (at, id) < ($afterAt, $afterId)");
            command.With("$afterAt", afterAt.Ticks()).With("$afterId", afterId);
        }

        command.CommandText = $"SELECT {Columns} FROM audit_entries WHERE {where} ORDER BY at DESC, id DESC LIMIT $take";
        command.With("$take", query.Page.Take);
        var items = new List<AuditEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader));
        }

        return Page.OfOneExtra(items, query.Page, AuditQuery.KeyOf);
    }

    /// <summary>Deletes entries older than <paramref name="expiredBefore"/>, a batch per write; nothing here is relayed.</summary>
    public async Task<AuditSweep> SweepAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        while (true)
        {
            var batch = await database.WriteAsync(async (connection, transaction) =>
            {
                await using var delete = connection.Command("""
                    DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE at < $before ORDER BY at LIMIT $batch)
                    """, transaction).With("$before", expiredBefore.Ticks()).With("$batch", PurgeBatch);
                return await delete.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
            removed += batch;
            if (batch < PurgeBatch) return new AuditSweep(removed, Relayed: 0);
        }
    }

    private static void In(StringBuilder where, SqliteCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        var names = values.Select((_, i) => $"${column}{i}").ToList();
        where.Append($" AND {column} IN ({string.Join(", ", names)})");
        for (var i = 0; i < values.Count; i++) command.With(names[i], values[i]);
    }

    private static AuditEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInstant(1),
        new AuditActor(reader.GetString(2), reader.GetString(3)),
        reader.GetString(4),
        new AuditTarget(reader.GetString(5), reader.GetString(6), reader.GetString(7)),
        JsonOrNull(reader.GetStringOrNull(8)),
        JsonOrNull(reader.GetStringOrNull(9)));

    private static JsonElement? JsonOrNull(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
