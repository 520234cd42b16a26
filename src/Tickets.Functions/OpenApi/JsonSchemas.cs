using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Tickets.Common;

namespace Tickets.Functions.OpenApi;

/// <summary>
/// JSON schemas of the API's records, exported from the same serializer options the API writes with (camelCase,
/// enums as snake_case strings). Every record and enum of this product becomes a named component that others
/// reference, so the document and the types generated from it keep the records' names.
/// </summary>
internal sealed class JsonSchemas
{
    public const string ComponentPrefix = "#/components/schemas/";

    // Constructor parameters without a default are required; nullable reference types say where null may appear.
    // Numbers are documented as numbers (the API also reads them from strings, but never writes them so).
    private static readonly JsonSerializerOptions Options = new(Json.Options)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private readonly SortedDictionary<string, JsonObject> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _names = [];
    private readonly Queue<Type> _pending = new();

    /// <summary>Every component referenced so far, by name, each exported once.</summary>
    public IReadOnlyDictionary<string, JsonObject> Components
    {
        get
        {
            while (_pending.TryDequeue(out var type)) _components[_names[type]] = Export(type);
            return _components;
        }
    }

    /// <summary>A schema for <paramref name="type"/>: a reference when it is one of the product's own types.</summary>
    public JsonNode SchemaOf(Type type) =>
        NameOf(type) is { } name ? Reference(name) : Normalise(Options.GetJsonSchemaAsNode(type, ExporterOptions()));

    private static JsonObject Reference(string name) => new() { ["$ref"] = ComponentPrefix + name };

    /// <summary>The component name of a product type (records and enums of the Tickets namespaces), else null.</summary>
    private string? NameOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (_names.TryGetValue(type, out var known)) return known;
        if (type.Namespace?.StartsWith("Tickets", StringComparison.Ordinal) != true || typeof(IEnumerable).IsAssignableFrom(type)) return null;

        // Page<TicketView> → TicketViewPage.
        var name = type.IsGenericType
            ? string.Concat(type.GetGenericArguments().Select(a => NameOf(a) ?? a.Name)) + type.Name[..type.Name.IndexOf('`')]
            : type.Name;
        if (_names.ContainsValue(name)) throw new InvalidOperationException($"Two API types are named {name}.");
        _names[type] = name;
        _pending.Enqueue(type);
        return name;
    }

    private JsonObject Export(Type type)
    {
        var node = Normalise(Options.GetJsonSchemaAsNode(type, ExporterOptions())).AsObject();
        foreach (var property in (node["properties"] as JsonObject)?.Select(p => p.Value).OfType<JsonObject>() ?? [])
        {
            // A constructor default of null only says "optional", which the required list already says.
            if (property.TryGetPropertyValue("default", out var value) && value is null) property.Remove("default");
        }

        InlineLocalReferences(node, node);
        if (type.IsEnum) node["type"] = "string";
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } description) node["description"] = description.Description;
        return PayloadVariants(type, node);
    }

    private JsonSchemaExporterOptions ExporterOptions() => new()
    {
        // A body or a component is never null itself; properties say where null may appear.
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, node) =>
        {
            var result = node;
            // The exported type itself stays whole; any product type inside it becomes a reference.
            if (!context.Path.IsEmpty && NameOf(context.TypeInfo.Type) is { } name)
            {
                result = Reference(name);
                if (AllowsNull(node)) result = new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
            }

            result = Normalise(result);
            if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), true) is [DescriptionAttribute description, ..])
                result["description"] = description.Description;
            return result;
        },
    };

    /// <summary>
    /// A record with a <see cref="PayloadOfAttribute"/> property becomes one variant per kind, each naming its kind
    /// and its payload type, so a client narrows the payload by the kind.
    /// </summary>
    private JsonObject PayloadVariants(Type type, JsonObject node)
    {
        var info = Options.GetTypeInfo(type);
        var payload = info.Properties.FirstOrDefault(p => p.AttributeProvider?.IsDefined(typeof(PayloadOfAttribute), true) == true);
        if (payload is null) return node;

        var kindName = ((PayloadOfAttribute)payload.AttributeProvider!.GetCustomAttributes(typeof(PayloadOfAttribute), true)[0]).KindProperty;
        var kind = info.Properties.Single(p => (p.AttributeProvider as MemberInfo)?.Name == kindName);
        var payloads = Payloads.Of(kind.PropertyType);
        var variants = new JsonArray();
        foreach (Enum value in Enum.GetValues(kind.PropertyType))
        {
            var payloadType = payloads.GetValueOrDefault(value)
                ?? throw new InvalidOperationException($"{kind.PropertyType.Name}.{value} declares no payload type (IPayloadOf<{kind.PropertyType.Name}>).");
            var variant = node.DeepClone().AsObject();
            variant.Remove("description");
            var properties = variant["properties"]!.AsObject();
            properties[kind.Name] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(JsonSerializer.SerializeToNode(value, kind.PropertyType, Options)) };
            properties[payload.Name] = SchemaOf(payloadType);
            variants.Add(variant);
        }

        var union = new JsonObject { ["oneOf"] = variants };
        if (node["description"] is { } description) union["description"] = description.DeepClone();
        return union;
    }

    /// <summary>
    /// The exporter writes a type met twice in one schema (two dictionaries of string arrays) as a pointer into the
    /// schema itself (<c>#/properties/errors/…</c>), which means nothing once the schema is a component: copy it in.
    /// </summary>
    private static void InlineLocalReferences(JsonNode root, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    if (child is JsonObject { Count: 1 } reference && reference["$ref"]?.GetValue<string>() is { } pointer
                        && pointer.StartsWith("#/", StringComparison.Ordinal) && !pointer.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                        o[key] = Resolve(root, pointer).DeepClone();
                    else InlineLocalReferences(root, child);
                }

                break;
            case JsonArray a:
                foreach (var child in a) InlineLocalReferences(root, child);
                break;
        }
    }

    private static JsonNode Resolve(JsonNode root, string pointer) =>
        pointer[2..].Split('/').Aggregate(root, (at, segment) => at[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"The schema pointer {pointer} leads nowhere."));

    private static bool AllowsNull(JsonNode node) => node switch
    {
        JsonObject o when o["type"] is JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonObject o when o["enum"] is JsonArray values => values.Any(v => v is null),
        _ => false,
    };

    /// <summary>The exporter writes "accepts anything" as <c>true</c>; the document wants an empty schema.</summary>
    private static JsonObject Normalise(JsonNode node) => node as JsonObject ?? new JsonObject();
}
