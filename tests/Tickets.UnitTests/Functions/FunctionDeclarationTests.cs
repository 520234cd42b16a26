using System.Text.Json;
using Tickets.Functions.Http;

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
    public void NoTwoFunctionsShareARouteAndMethod()
    {
        var pairs = FunctionCatalog.All.SelectMany(f => f.Methods.Select(m => $"{m} {f.Route}")).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

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
