using System.Text.Json;
using Tickets.Functions.Http;

namespace Tickets.UnitTests.Functions;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void TheStaticWebAppSendsTheSameHeadersAsTheHosts()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "web", "public", "staticwebapp.config.json")));

        var sent = config.RootElement.GetProperty("globalHeaders").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!);

        Assert.Equal(SecurityHeaders.WebOverHttps.OrderBy(h => h.Key, StringComparer.Ordinal), sent.OrderBy(h => h.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TheWebRunsNoInlineScriptAndIsNeverFramed()
    {
        foreach (var headers in new[] { SecurityHeaders.Web, SecurityHeaders.WebOverHttps })
        {
            var policy = headers["Content-Security-Policy"];
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        }
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
