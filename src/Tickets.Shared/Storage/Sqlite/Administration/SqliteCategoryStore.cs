using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Common;

namespace Tickets.Storage.Sqlite.Administration;

/// <summary>Categories as JSON documents with an ETag, listed by position; each change and its audit entry in one transaction.</summary>
public sealed class SqliteCategoryStore(SqliteDatabase database) : ICategoryStore
{
    public async Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, etag FROM categories ORDER BY position, id");
        var categories = new List<Category>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) categories.Add(Read(reader));
        return categories;
    }

    public async Task<Category?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, etag FROM categories WHERE id = $id").With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<Category?> CreateAsync(Category category, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Category?>(async (connection, transaction) =>
        {
            var stored = category with { ETag = NewETag() };
            if (!await InsertAsync(connection, transaction, stored, cancellationToken)) return null;
            await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
            return stored;
        }, cancellationToken);

    public Task<Category?> SaveAsync(Category category, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Category?>(async (connection, transaction) =>
        {
            var stored = category with { ETag = NewETag() };
            await using var update = connection.Command(
                "UPDATE categories SET position = $position, etag = $etag, doc = $doc WHERE id = $id AND etag = $expected", transaction);
            if (await Bind(update, stored).With("$expected", expectedETag).ExecuteNonQueryAsync(cancellationToken) != 1) return null;
            await SqliteAudit.AppendAsync(connection, transaction, audit, cancellationToken);
            return stored;
        }, cancellationToken);

    /// <summary>Under the single writer (across processes too: <c>BEGIN IMMEDIATE</c>), so of two instances starting at once one seeds.</summary>
    public Task<bool> SeedAsync(IReadOnlyList<Category> categories, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var any = connection.Command("SELECT EXISTS (SELECT 1 FROM categories)", transaction);
            if (Convert.ToInt64(await any.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1) return false;
            foreach (var category in categories)
                await InsertAsync(connection, transaction, category with { ETag = NewETag() }, cancellationToken);
            return true;
        }, cancellationToken);

    private static async Task<bool> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, Category category, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command(
            "INSERT INTO categories (id, position, etag, doc) VALUES ($id, $position, $etag, $doc) ON CONFLICT (id) DO NOTHING", transaction);
        return await Bind(insert, category).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static SqliteCommand Bind(SqliteCommand command, Category category) =>
        command.With("$id", category.Id).With("$position", category.Order).With("$etag", category.ETag)
            .With("$doc", JsonSerializer.Serialize(category, Json.Options));

    private static Category Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Category>(reader.GetString(0), Json.Options)! with { ETag = reader.GetString(1) };

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
