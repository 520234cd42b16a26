using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Storage.Cosmos;
using Tickets.Storage.Sqlite;

namespace Tickets.EndToEndTests.Administration;

/// <summary>One audit entry as the store holds it.</summary>
public sealed record StoredAuditEntry(string ActorId, string Action, string TargetType, string TargetId, JsonElement? Before, JsonElement? After);

/// <summary>
/// Reads a host's admin audit log straight from its store (SQLite's <c>audit_entries</c>, Cosmos's <c>admin</c> container):
/// what these tests need to see that a management change wrote its entry, without depending on a reading route.
/// </summary>
public static class AuditLogReader
{
    public static async Task<IReadOnlyList<StoredAuditEntry>> EntriesForAsync(this LocalHost host, string targetId)
    {
        if (host.Services.GetService<SqliteDatabase>() is { } database && host.Services.GetService<CosmosStore>() is null)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT actor_id, action, target_type, target_id, before, after FROM audit_entries WHERE target_id = $id ORDER BY at, id";
            command.Parameters.AddWithValue("$id", targetId);
            var entries = new List<StoredAuditEntry>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                entries.Add(new StoredAuditEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : JsonDocument.Parse(reader.GetString(4)).RootElement,
                    reader.IsDBNull(5) ? null : JsonDocument.Parse(reader.GetString(5)).RootElement));
            return entries;
        }

        var admin = host.Services.GetRequiredService<CosmosStore>().Container(CosmosModel.Admin);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = 'audit' AND c.target.id = @id").WithParameter("@id", targetId);
        var found = new List<JsonElement>();
        using var iterator = admin.GetItemQueryIterator<JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("config") });
        while (iterator.HasMoreResults) found.AddRange(await iterator.ReadNextAsync());
        return [.. found.OrderBy(e => e.GetProperty("at").GetString(), StringComparer.Ordinal).ThenBy(e => e.GetProperty("id").GetString(), StringComparer.Ordinal)
            .Select(e => new StoredAuditEntry(e.GetProperty("actor").GetProperty("id").GetString()!, e.GetProperty("action").GetString()!,
                e.GetProperty("target").GetProperty("type").GetString()!, e.GetProperty("target").GetProperty("id").GetString()!,
                Json(e, "before"), Json(e, "after")))];
    }

    private static JsonElement? Json(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
