using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Tickets.CosmosDbServer.Batch;

/// <summary>The partition key header's JSON (<c>["ticket-1"]</c>, <c>[{}]</c> for none) back into a <see cref="PartitionKey"/>.</summary>
internal static class PartitionKeyJson
{
    public static PartitionKey Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var components = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
        if (components.Count == 0 || (components.Count == 1 && components[0].ValueKind == JsonValueKind.Object)) return PartitionKey.None;
        if (components.Count == 1) return Single(components[0]);

        var builder = new PartitionKeyBuilder();
        foreach (var component in components)
        {
            _ = component.ValueKind switch
            {
                JsonValueKind.String => builder.Add(component.GetString()),
                JsonValueKind.Number => builder.Add(component.GetDouble()),
                JsonValueKind.True or JsonValueKind.False => builder.Add(component.GetBoolean()),
                JsonValueKind.Null => builder.AddNullValue(),
                _ => builder.AddNoneType(),
            };
        }

        return builder.Build();
    }

    private static PartitionKey Single(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new PartitionKey(value.GetString()),
        JsonValueKind.Number => new PartitionKey(value.GetDouble()),
        JsonValueKind.True or JsonValueKind.False => new PartitionKey(value.GetBoolean()),
        JsonValueKind.Null => PartitionKey.Null,
        _ => throw new InvalidDataException($"Unsupported partition key value {value.GetRawText()}."),
    };
}
