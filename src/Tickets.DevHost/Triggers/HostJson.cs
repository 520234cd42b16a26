using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Reads host.json's queue settings the way the Functions host does (keys case-insensitive, numbers as numbers or
/// strings, time spans as <c>hh:mm:ss</c>), with the same limits. Anything it cannot honour, including an unknown
/// key (a typo the Functions host would silently ignore), is an error naming the key.
/// </summary>
internal static class HostJson
{
    private const string QueuesPath = "extensions.queues";

    private static readonly string[] Known =
        ["batchSize", "newBatchThreshold", "maxPollingInterval", "visibilityTimeout", "maxDequeueCount", "messageEncoding"];

    public static QueueHostOptions ReadQueues(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"host.json not found at {path}: set DevHost:HostJson to the file the Functions app uses.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var queues = Child(document.RootElement, "extensions") is { } extensions ? Child(extensions, "queues") : null;
            return Parse(queues, path);
        }
    }

    private static QueueHostOptions Parse(JsonElement? queues, string path)
    {
        var errors = new List<string>();
        var settings = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (queues is { ValueKind: JsonValueKind.Object } section)
        {
            foreach (var property in section.EnumerateObject())
            {
                if (Known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                    settings[property.Name] = property.Value;
                else
                    errors.Add($"{QueuesPath}.{property.Name} is not a queue setting (known: {string.Join(", ", Known)}).");
            }
        }
        else if (queues is not null)
        {
            errors.Add($"{QueuesPath} must be an object.");
        }

        var batchSize = Integer(settings, "batchSize", QueueHostOptions.DefaultBatchSize, 1, QueueHostOptions.MaxBatchSize, errors);
        var newBatchThreshold = Integer(settings, "newBatchThreshold", QueueHostOptions.DefaultNewBatchThreshold(batchSize), 0, int.MaxValue, errors);
        var maxPollingInterval = Duration(settings, "maxPollingInterval", QueueHostOptions.DefaultMaxPollingInterval,
            QueueHostOptions.MinimumPollingInterval, TimeSpan.MaxValue, errors);
        var visibilityTimeout = Duration(settings, "visibilityTimeout", TimeSpan.Zero, TimeSpan.Zero, QueueHostOptions.MaxVisibilityTimeout, errors);
        var maxDequeueCount = Integer(settings, "maxDequeueCount", QueueHostOptions.DefaultMaxDequeueCount, 1, int.MaxValue, errors);
        var encoding = Encoding(settings, errors);

        if (errors.Count > 0)
            throw new InvalidOperationException($"Invalid queue settings in {path}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));

        return new QueueHostOptions(batchSize, newBatchThreshold, maxPollingInterval, visibilityTimeout, maxDequeueCount, encoding);
    }

    private static JsonElement? Child(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }

        return null;
    }

    private static int Integer(Dictionary<string, JsonElement> settings, string key, int fallback, int min, int max, List<string> errors)
    {
        if (!settings.TryGetValue(key, out var value)) return fallback;
        int? parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        if (parsed is not { } result || result < min || result > max)
        {
            var range = max == int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}";
            errors.Add($"{QueuesPath}.{key} must be {range} (was {value.GetRawText()}).");
            return fallback;
        }

        return result;
    }

    private static TimeSpan Duration(Dictionary<string, JsonElement> settings, string key, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> errors)
    {
        if (!settings.TryGetValue(key, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.String
            || !TimeSpan.TryParseExact(value.GetString(), ["c", "g"], CultureInfo.InvariantCulture, out var result)
            || result < min || result > max)
        {
            var range = max == TimeSpan.MaxValue ? $"at least {min:c}" : $"from {min:c} to {max:c}";
            errors.Add($"{QueuesPath}.{key} must be a time span hh:mm:ss {range} (was {value.GetRawText()}).");
            return fallback;
        }

        return result;
    }

    private static QueueMessageEncoding Encoding(Dictionary<string, JsonElement> settings, List<string> errors)
    {
        if (!settings.TryGetValue("messageEncoding", out var value)) return QueueMessageEncoding.Base64;
        switch (value.ValueKind == JsonValueKind.String ? value.GetString()!.ToLowerInvariant() : null)
        {
            case "base64":
                return QueueMessageEncoding.Base64;
            case "none":
                return QueueMessageEncoding.None;
            default:
                errors.Add($"{QueuesPath}.messageEncoding must be \"base64\" or \"none\" (was {value.GetRawText()}).");
                return QueueMessageEncoding.Base64;
        }
    }
}
