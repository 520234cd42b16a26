using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.Macros;

namespace Tickets.Storage.Sqlite.Macros;

/// <summary>Macros as JSON documents with an ETag; owner, shared and the folded name in columns to list by.</summary>
public sealed class SqliteMacroStore(SqliteDatabase database) : IMacroStore
{
    public async Task<IReadOnlyList<Macro>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT doc, etag FROM macros WHERE shared = 1
            UNION ALL
            SELECT doc, etag FROM macros WHERE shared = 0 AND owner_id = $owner
            """).With("$owner", ownerId);
        var macros = new List<Macro>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) macros.Add(Read(reader));
        // Sorted here, as the Cosmos store does, so both order alike.
        return [.. macros.OrderBy(m => m.NameKey, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<Macro?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, etag FROM macros WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<Macro> CreateAsync(Macro macro, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var stored = macro with { ETag = NewETag() };
            await using var insert = connection.Command(
                "INSERT INTO macros (id, owner_id, shared, name_key, etag, doc) VALUES ($id, $owner, $shared, $name, $etag, $doc)", transaction);
            await Bind(insert, stored).ExecuteNonQueryAsync(cancellationToken);
            return stored;
        }, cancellationToken);

    public Task<Macro?> SaveAsync(Macro macro, string expectedETag, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Macro?>(async (connection, transaction) =>
        {
            var stored = macro with { ETag = NewETag() };
            await using var update = connection.Command("""
                UPDATE macros SET owner_id = $owner, shared = $shared, name_key = $name, etag = $etag, doc = $doc
                WHERE id = $id AND etag = $expected
                """, transaction);
            return await Bind(update, stored).With("$expected", expectedETag).ExecuteNonQueryAsync(cancellationToken) == 1 ? stored : null;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, string expectedETag, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM macros WHERE id = $id AND etag = $expected", transaction)
                .With("$id", id).With("$expected", expectedETag);
            return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private static SqliteCommand Bind(SqliteCommand command, Macro macro) =>
        command.With("$id", macro.Id).With("$owner", macro.OwnerId).With("$shared", macro.Shared ? 1 : 0).With("$name", macro.NameKey)
            .With("$etag", macro.ETag).With("$doc", JsonSerializer.Serialize(macro, Json.Options));

    private static Macro Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Macro>(reader.GetString(0), Json.Options)! with { ETag = reader.GetString(1) };

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
