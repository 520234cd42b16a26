using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Tickets.CosmosDbServer.Batch;

/// <summary>
/// A batch patch operation's body, <c>{"condition": "FROM c WHERE …", "operations": [{"op": "set", "path": "/x", "value": …}]}</c>,
/// back into the SDK's <see cref="PatchOperation"/>s. Values become plain CLR values (string, number, bool, null,
/// dictionaries and lists), which any Cosmos serializer writes back as the same JSON.
/// </summary>
internal static class PatchBody
{
    public static (IReadOnlyList<PatchOperation> Operations, string? Condition) Parse(byte[]? body)
    {
        using var document = JsonDocument.Parse(body ?? throw new InvalidDataException("A batch patch operation has no body."));
        var root = document.RootElement;
        var condition = root.TryGetProperty("condition", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var operations = root.GetProperty("operations").EnumerateArray().Select(Operation).ToList();
        return (operations, condition);
    }

    private static PatchOperation Operation(JsonElement operation)
    {
        var path = operation.GetProperty("path").GetString()!;
        object? Value() => ToClr(operation.GetProperty("value"));
        return operation.GetProperty("op").GetString() switch
        {
            "add" => PatchOperation.Add(path, Value()),
            "set" => PatchOperation.Set(path, Value()),
            "replace" => PatchOperation.Replace(path, Value()),
            "remove" => PatchOperation.Remove(path),
            "move" => PatchOperation.Move(operation.GetProperty("from").GetString()!, path),
            "incr" when operation.GetProperty("value").TryGetInt64(out var whole) => PatchOperation.Increment(path, whole),
            "incr" => PatchOperation.Increment(path, operation.GetProperty("value").GetDouble()),
            var op => throw new InvalidDataException($"Unknown patch operation '{op}'."),
        };
    }

    private static object? ToClr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToClr(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Select(ToClr).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => double.Parse(value.GetRawText(), CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
