using System.Xml.Linq;

namespace Tickets.UnitTests.CosmosDbServer;

/// <summary>The cosmosdb-server shims are for tests and the local host: nothing deployed to Azure may carry them.</summary>
public sealed class ShimBoundaryTests
{
    [Fact]
    public void TheFunctionsAppNeitherReferencesNorLoadsTheShims()
    {
        var reachable = ProjectsReachableFrom(Path.Combine(RepositoryRoot(), "src", "Tickets.Functions", "Tickets.Functions.csproj"));

        Assert.Contains("Tickets.Shared.csproj", reachable);
        Assert.DoesNotContain("Tickets.CosmosDbServer.csproj", reachable);
        Assert.DoesNotContain(typeof(global::Tickets.Functions.FunctionsComposition).Assembly.GetReferencedAssemblies(), a => a.Name == "Tickets.CosmosDbServer");
    }

    private static HashSet<string> ProjectsReachableFrom(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                if (seen.Add(Path.GetFileName(path))) pending.Push(path);
            }
        }

        return seen;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TicketSystem.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("TicketSystem.sln not found above the test binaries.");
    }
}
