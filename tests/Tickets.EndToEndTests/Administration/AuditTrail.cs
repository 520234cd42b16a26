using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Storage.Cosmos;
using Tickets.Storage.Sqlite;

namespace Tickets.EndToEndTests.Administration;

/// <summary>One admin audit entry as stored: action, actor id, target id, before and after (null when absent).</summary>
public sealed record StoredAudit(string Action, string ActorId, string TargetType, string TargetId, JsonElement? Before, JsonElement? After);

/// <summary>Reads the audit entries a host stored for a target, straight from its store (SQLite table or the Cosmos <c>admin</c> container).</summary>
public static class AuditTrail
{
    public static async Task<IReadOnlyList<StoredAudit>> OfAsync(LocalHost host, string targetType, string targetId)
    {
        if (host.Services.GetService<SqliteDatabase>() is { } database)
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT action, actor_id, target_type, target_id, before, after FROM audit_entries
                WHERE target_type = $type AND target_id = $id ORDER BY at, id
                """;
            command.Parameters.AddWithValue("$type", targetType);
            command.Parameters.AddWithValue("$id", targetId);
            await using var reader = await command.ExecuteReaderAsync();
            var entries = new List<StoredAudit>();
            while (await reader.ReadAsync())
            {
                entries.Add(new StoredAudit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : JsonDocument.Parse(reader.GetString(4)).RootElement,
                    reader.IsDBNull(5) ? null : JsonDocument.Parse(reader.GetString(5)).RootElement));
            }

            return entries;
        }

        var admin = host.Services.GetRequiredService<CosmosStore>().Container(CosmosModel.Admin);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = 'audit' AND c.target.type = @type AND c.target.id = @id")
            .WithParameter("@type", targetType).WithParameter("@id", targetId);
        var found = new List<(string At, string Id, StoredAudit Entry)>();
        using var iterator = admin.GetItemQueryIterator<JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("config") });
        while (iterator.HasMoreResults)
        {
            foreach (var item in await iterator.ReadNextAsync())
            {
                JsonElement? Part(string name) => item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
                found.Add((item.GetProperty("at").GetString()!, item.GetProperty("id").GetString()!, new StoredAudit(
                    item.GetProperty("action").GetString()!, item.GetProperty("actor").GetProperty("id").GetString()!,
                    item.GetProperty("target").GetProperty("type").GetString()!, item.GetProperty("target").GetProperty("id").GetString()!,
                    Part("before"), Part("after"))));
            }
        }

        return [.. found.OrderBy(f => f.At, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal).Select(f => f.Entry)];
    }
}
