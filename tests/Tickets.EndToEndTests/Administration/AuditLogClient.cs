using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Administration;

/// <summary>One admin audit entry as <c>GET /api/audit</c> answers it.</summary>
public sealed record AuditLogEntry(string Action, string ActorId, string TargetType, string TargetId, JsonElement? Before, JsonElement? After);

/// <summary>Reads what the admin audit log holds for one target, through its route, oldest first.</summary>
public static class AuditLogClient
{
    public static async Task<IReadOnlyList<AuditLogEntry>> AuditOfAsync(this HttpClient admin, string targetType, string targetId)
    {
        var response = await admin.GetAsync($"api/audit?targetType={targetType}&targetId={Uri.EscapeDataString(targetId)}&limit=100");
        Assert.Equal(200, (int)response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        items.Reverse();
        return [.. items.Select(e => new AuditLogEntry(e.Str("action"), e.GetProperty("actor").Str("id"),
            e.GetProperty("target").Str("type"), e.GetProperty("target").Str("id"), Part(e, "before"), Part(e, "after")))];
    }

    private static JsonElement? Part(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
