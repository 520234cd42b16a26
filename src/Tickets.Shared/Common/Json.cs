using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tickets.Common;

/// <summary>The one JSON configuration of the API and the stores: camelCase, enums as lower snake_case strings.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            // Served as application/json, never inlined into HTML: "Lucía" and "+34" stay readable on the wire.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The wire name of an enum value, e.g. <c>in_progress</c>.</summary>
    public static string EnumName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        EnumNames<TEnum>.ByValue.TryGetValue(value, out var name) ? name : JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParseEnum<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        EnumNames<TEnum>.ByName.TryGetValue(text?.Trim() ?? "", out value);

    /// <summary>Each enum's wire names, worked out once: stores and routes read and write them on every request.</summary>
    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
