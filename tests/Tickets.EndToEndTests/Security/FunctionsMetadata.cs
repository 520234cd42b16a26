using System.Text.Json;

namespace Tickets.EndToEndTests.Security;

/// <summary>An HTTP route as the Functions build declares it in <c>functions.metadata</c>.</summary>
public sealed record HttpRoute(string Function, string Method, string Route)
{
    public override string ToString() => $"{Function} ({Method} /api/{Route})";
}

/// <summary>A queue-, timer- or other non-HTTP-triggered function as <c>functions.metadata</c> declares it.</summary>
public sealed record TriggeredFunction(string Function, string TriggerType);

/// <summary>
/// The build output of Tickets.Functions, read the way the Functions host reads it: what the proofs enumerate, so a route
/// added to the product is a route the proofs must cover.
/// </summary>
public static class FunctionsMetadata
{
    private static readonly Lazy<IReadOnlyList<HttpRoute>> Routes = new(Read);
    private static readonly Lazy<IReadOnlyList<TriggeredFunction>> Triggered = new(ReadTriggered);

    public static IReadOnlyList<HttpRoute> HttpRoutes => Routes.Value;

    /// <summary>Every function that is not HTTP-triggered: queue and timer functions, and any kind added later.</summary>
    public static IReadOnlyList<TriggeredFunction> TriggeredFunctions => Triggered.Value;

    private static List<TriggeredFunction> ReadTriggered()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Find()));
        return (
            from function in document.RootElement.EnumerateArray()
            from binding in function.GetProperty("bindings").EnumerateArray()
            let type = binding.GetProperty("type").GetString()!
            where type.EndsWith("Trigger", StringComparison.Ordinal) && type != "httpTrigger"
            select new TriggeredFunction(function.GetProperty("name").GetString()!, type))
            .OrderBy(f => f.Function, StringComparer.Ordinal)
            .ToList();
    }

    private static List<HttpRoute> Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Find()));
        var routes = (
            from function in document.RootElement.EnumerateArray()
            from binding in function.GetProperty("bindings").EnumerateArray()
            where binding.GetProperty("type").GetString() == "httpTrigger"
            from method in binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!) : ["get", "post"]
            select new HttpRoute(function.GetProperty("name").GetString()!, method.ToUpperInvariant(), binding.GetProperty("route").GetString()!))
            .OrderBy(r => r.Function, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        return routes.Count > 0 ? routes : throw new InvalidDataException("functions.metadata lists no HTTP function.");
    }

    /// <summary>The worker SDK writes functions.metadata into the Functions project's own output folder.</summary>
    private static string Find()
    {
        // .../tests/Tickets.EndToEndTests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Tickets.Functions", "bin", configuration, "net10.0", "functions.metadata");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("functions.metadata not found: build src/Tickets.Functions first.");
    }
}
