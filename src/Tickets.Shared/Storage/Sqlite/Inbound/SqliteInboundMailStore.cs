using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.Inbound;

namespace Tickets.Storage.Sqlite.Inbound;

/// <summary>
/// Processed messages in <c>inbound_mail</c> (the record as a JSON document, its time and count key in columns) and poll
/// states in <c>mailboxes</c> (the state as a document, its version in a column). Every write runs on the one writer, so
/// an insert-if-absent and the read of what is stored see no other write between them.
/// </summary>
public sealed class SqliteInboundMailStore(SqliteDatabase database) : IInboundMailStore
{
    public async Task<InboundMailRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT doc FROM inbound_mail WHERE id = $id").With("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string doc ? Record(doc) : null;
    }

    public Task<InboundMailRecord> AddAsync(InboundMailRecord record, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command("""
                INSERT INTO inbound_mail (id, processed_at, count_key, doc) VALUES ($id, $processed, $key, $doc)
                ON CONFLICT (id) DO NOTHING
                """, transaction)
                .With("$id", record.Id)
                .With("$processed", record.ProcessedAt.Ticks())
                .With("$key", InboundCountKey.Of(record))
                .With("$doc", JsonSerializer.Serialize(record, Json.Options));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return record;

            await using var read = connection.Command("SELECT doc FROM inbound_mail WHERE id = $id", transaction).With("$id", record.Id);
            return Record((string)(await read.ExecuteScalarAsync(cancellationToken))!);
        }, cancellationToken);

    /// <summary>The index <c>ix_inbound_mail_processed</c> read backwards.</summary>
    public async Task<IReadOnlyList<InboundMailRecord>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT doc FROM inbound_mail ORDER BY processed_at DESC, id DESC LIMIT $limit").With("$limit", limit);
        var records = new List<InboundMailRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) records.Add(Record(reader.GetString(0)));
        return records;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT count_key, COUNT(*) FROM inbound_mail WHERE processed_at >= $since GROUP BY count_key")
            .With("$since", since.Ticks());
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    public Task<int> DeleteProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM inbound_mail WHERE processed_at < $before", transaction)
                .With("$before", before.Ticks());
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<MailboxState?> GetMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT doc, version FROM mailboxes WHERE name = $name").With("$name", mailbox);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Mailbox(reader) : null;
    }

    /// <summary>Version 0 inserts only where no row is; any other updates only the row still at that version.</summary>
    public Task<MailboxState?> SaveMailboxAsync(MailboxState state, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var saved = state with { Version = state.Version + 1 };
            await using var write = connection.Command(state.Version == 0
                ? "INSERT INTO mailboxes (name, version, doc) VALUES ($name, $next, $doc) ON CONFLICT (name) DO NOTHING"
                : "UPDATE mailboxes SET version = $next, doc = $doc WHERE name = $name AND version = $version", transaction)
                .With("$name", state.Mailbox)
                .With("$next", saved.Version)
                .With("$doc", JsonSerializer.Serialize(saved, Json.Options));
            if (state.Version != 0) write.With("$version", state.Version);
            return await write.ExecuteNonQueryAsync(cancellationToken) == 1 ? saved : null;
        }, cancellationToken);

    private static InboundMailRecord Record(string doc) => JsonSerializer.Deserialize<InboundMailRecord>(doc, Json.Options)!;

    /// <summary>The state from its document, its version from the column that guards it.</summary>
    private static MailboxState Mailbox(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<MailboxState>(reader.GetString(0), Json.Options)! with { Version = reader.GetInt64(1) };
}
