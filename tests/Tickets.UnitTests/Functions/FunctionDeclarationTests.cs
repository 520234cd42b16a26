using System.Text.Json;
using Tickets.Functions.Http;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.UnitTests.Functions;

public sealed class FunctionDeclarationTests
{
    [Fact]
    public void EveryHttpFunctionDeclaresWhoMayCallIt()
    {
        var undeclared = FunctionCatalog.Declarations().Where(d => d.Access is null).Select(d => d.Name).ToList();

        Assert.Empty(undeclared);
        Assert.NotEmpty(FunctionCatalog.All);
    }

    [Fact]
    public void EveryRouteThatNeedsATokenAndChangesStateIsDeclaredAWriteAndNoOtherIs()
    {
        static bool ChangesState(HttpFunction f) => f.Methods.Any(m => m is not ("GET" or "HEAD" or "OPTIONS"));

        var wrong = FunctionCatalog.All
            .Where(f => f.Writes != (f.Access != Who.Anyone && ChangesState(f)))
            .Select(f => $"{f.Name} ({string.Join(",", f.Methods)}, {f.Access}): Writes = {f.Writes}");

        Assert.Empty(wrong);
        Assert.Contains(FunctionCatalog.All, f => f is { Name: "CreateTicket", Writes: true });
    }

    [Fact]
    public void NoRouteClaimsTheFunctionsHostsReservedPrefixes()
    {
        // The Functions host refuses to index a function whose route starts with "admin" (its admin API, whatever the
        // route prefix) or "runtime" ("The specified route conflicts with one or more built in routes."); the local host
        // would serve it, so only a deployment would find out.
        var reserved = FunctionCatalog.All
            .Where(f => f.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || f.Route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase))
            .Select(f => $"{f.Name}: {f.Route}");

        Assert.Empty(reserved);
    }

    [Fact]
    public void FunctionsMetadataListsEveryHttpFunctionWithItsRoute()
    {
        var metadata = FindFunctionsMetadata();
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var routes = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Route: b.GetProperty("route").GetString()!)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        var declared = FunctionCatalog.All.Select(f => (f.Name, f.Route)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(declared, routes);
    }

    [Fact]
    public void FunctionsMetadataListsExactlyTheQueueTriggersWithTheirQueueAndConnection()
    {
        var listed = TriggerBindings("queueTrigger")
            .Select(b => $"{b.Function}: queue {b.Binding.GetProperty("queueName").GetString()} via {Text(b.Binding, "connection")}")
            .Order(StringComparer.Ordinal);

        var declared = TriggerCatalog.Functions.Queues
            .Select(f => $"{f.Name}: queue {f.QueueName} via {f.Connection ?? "(none)"}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, listed);
    }

    [Fact]
    public void FunctionsMetadataListsExactlyTheTimerTriggersWithTheirSchedule()
    {
        var listed = TriggerBindings("timerTrigger")
            .Select(b => $"{b.Function}: {b.Binding.GetProperty("schedule").GetString()}, run on start-up {RunOnStartup(b.Binding)}")
            .Order(StringComparer.Ordinal);

        var declared = TriggerCatalog.Functions.Timers
            .Select(f => $"{f.Name}: {f.Schedule}, run on start-up {f.RunOnStartup}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, listed);
    }

    [Fact]
    public void QueueTriggersReadTheQueuesConnectionSetting()
    {
        var elsewhere = TriggerCatalog.Functions.Queues.Where(f => f.Connection != QueueNames.Connection).Select(f => f.Name);

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void NoTwoFunctionsShareARouteAndMethod()
    {
        var pairs = FunctionCatalog.All.SelectMany(f => f.Methods.Select(m => $"{m} {f.Route}")).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>Every binding of the given trigger type in the build's functions.metadata, with its function's name.</summary>
    private static List<(string Function, JsonElement Binding)> TriggerBindings(string type)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FindFunctionsMetadata()));
        return document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == type)
                .Select(b => (f.GetProperty("name").GetString()!, b.Clone())))
            .ToList();
    }

    private static string Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString()! : "(none)";

    /// <summary>The SDK writes <c>runOnStartup</c> only when it is true.</summary>
    private static bool RunOnStartup(JsonElement binding) =>
        binding.TryGetProperty("runOnStartup", out var value) && value.GetBoolean();

    /// <summary>The worker SDK writes functions.metadata into the Functions project's own output folder.</summary>
    private static string FindFunctionsMetadata()
    {
        // .../tests/Tickets.UnitTests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Tickets.Functions", "bin", configuration, "net10.0", "functions.metadata");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("functions.metadata not found: build src/Tickets.Functions first.");
    }
}
