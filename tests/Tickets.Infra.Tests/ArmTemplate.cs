using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tickets.Infra.Tests;

/// <summary>
/// Read-only view of a compiled ARM template (language version 2.0: resources keyed by symbolic name,
/// modules as nested deployments with their own template).
/// </summary>
public sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    public IEnumerable<(string Symbol, JsonObject Resource)> Resources =>
        Root["resources"] switch
        {
            JsonObject keyed => keyed.Select(p => (p.Key, p.Value!.AsObject())),
            JsonArray list => list.Select((r, i) => (i.ToString(), r!.AsObject())),
            _ => [],
        };

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Select(r => r.Resource)
            .Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase) && r["existing"]?.GetValue<bool>() != true);

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>The module call (nested deployment) declared as <c>module {symbol} ...</c>.</summary>
    public JsonObject ModuleCall(string symbol) =>
        Resources.Single(r => r.Symbol == symbol && (string?)r.Resource["type"] == "Microsoft.Resources/deployments").Resource;

    public ArmTemplate Module(string symbol) => new(ModuleCall(symbol)["properties"]!["template"]!.AsObject());

    /// <summary>The value a module call passes for one of its parameters, with <c>[variables('x')]</c> resolved.</summary>
    public JsonNode? ModuleArgument(string module, string parameter) =>
        Resolve(ModuleCall(module)["properties"]!["parameters"]![parameter]?["value"]);

    /// <summary>Every module, nested to any depth, with this template first.</summary>
    public IEnumerable<(string Path, ArmTemplate Template)> SelfAndModules(string path = "main")
    {
        yield return (path, this);
        foreach (var (symbol, _) in Resources.Where(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments"))
            foreach (var nested in Module(symbol).SelfAndModules($"{path}/{symbol}"))
                yield return nested;
    }

    public JsonNode? Resolve(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && VariableReference().Match(text) is { Success: true } match
            ? Variables[match.Groups[1].Value]?.DeepClone()
            : node;

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();
}
