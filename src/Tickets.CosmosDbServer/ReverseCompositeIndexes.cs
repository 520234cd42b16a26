using System.Text.Json.Nodes;

namespace Tickets.CosmosDbServer;

/// <summary>
/// Cosmos serves an <c>ORDER BY</c> from a composite index in its declared directions or in their exact reverse
/// (<c>ORDER BY a DESC, b DESC</c> from <c>(a asc, b asc)</c>); cosmosdb-server only in the declared ones. So a
/// container created or replaced through this client gets, on this server only, the reverse of each composite
/// index it declares: the server then answers every order Cosmos answers from the same declared policy, and the
/// model (and what Bicep provisions) stays as Cosmos needs it.
/// </summary>
internal static class ReverseCompositeIndexes
{
    /// <summary>The container definition with each composite index's reverse added (once); the same definition when it has none.</summary>
    public static Stream AddTo(Stream containerDefinition)
    {
        var container = JsonNode.Parse(containerDefinition);
        containerDefinition.Position = 0;
        if (container?["indexingPolicy"]?["compositeIndexes"] is not JsonArray indexes || indexes.Count == 0) return containerDefinition;

        var declared = indexes.OfType<JsonArray>().ToList();
        var signatures = declared.Select(Signature).ToHashSet(StringComparer.Ordinal);
        foreach (var index in declared)
        {
            var reverse = new JsonArray([.. index.OfType<JsonObject>().Select(path => (JsonNode)new JsonObject
            {
                ["path"] = path["path"]?.GetValue<string>(),
                ["order"] = IsDescending(path) ? "ascending" : "descending",
            })]);
            if (signatures.Add(Signature(reverse))) indexes.Add(reverse);
        }

        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(container.ToJsonString()), writable: false);
    }

    private static bool IsDescending(JsonNode? path) =>
        string.Equals(path?["order"]?.GetValue<string>(), "descending", StringComparison.OrdinalIgnoreCase);

    private static string Signature(JsonArray index) =>
        string.Join(",", index.Select(p => $"{p?["path"]?.GetValue<string>()} {(IsDescending(p) ? "desc" : "asc")}"));
}
