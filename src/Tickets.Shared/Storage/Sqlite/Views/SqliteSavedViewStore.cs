using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.SavedViews;

namespace Tickets.Storage.Sqlite.Views;

/// <summary>
/// Saved views in <c>saved_views</c>: the view as a JSON document, with what lists filter and sort by in columns. An add
/// counts the owner's personal views and inserts in one write on the one writer, so the limit holds under concurrent saves.
/// </summary>
public sealed class SqliteSavedViewStore(SqliteDatabase database) : ISavedViewStore
{
    public async Task<IReadOnlyList<SavedView>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT doc FROM saved_views WHERE shared = 1 OR owner_id = $owner ORDER BY name_key, id").With("$owner", ownerId);
        var views = new List<SavedView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) views.Add(Read(reader.GetString(0)));
        return views;
    }

    public async Task<SavedView?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc FROM saved_views WHERE id = $id").With("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string doc ? Read(doc) : null;
    }

    public Task<bool> AddAsync(SavedView view, int personalLimit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (!view.Shared)
            {
                await using var count = connection.Command(
                    "SELECT COUNT(*) FROM saved_views WHERE owner_id = $owner AND shared = 0", transaction).With("$owner", view.OwnerId);
                if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= personalLimit) return false;
            }

            await using var insert = connection.Command("""
                INSERT INTO saved_views (id, owner_id, shared, name_key, doc) VALUES ($id, $owner, $shared, $name, $doc)
                """, transaction);
            Bind(insert, view);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> ReplaceAsync(SavedView view, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.Command(
                "UPDATE saved_views SET name_key = $name, doc = $doc WHERE id = $id AND owner_id = $owner AND shared = $shared", transaction);
            Bind(update, view);
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM saved_views WHERE id = $id", transaction).With("$id", id);
            return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private static void Bind(SqliteCommand command, SavedView view) =>
        command.With("$id", view.Id).With("$owner", view.OwnerId).With("$shared", view.Shared ? 1 : 0)
            .With("$name", view.NameKey).With("$doc", JsonSerializer.Serialize(view, Json.Options));

    private static SavedView Read(string doc) => JsonSerializer.Deserialize<SavedView>(doc, Json.Options)!;
}
