using System.Net.Http.Headers;

namespace Tickets.EndToEndTests.Security;

/// <summary>The local host serving a web build (a small one of its own) beside the API.</summary>
public sealed class WebHost : IAsyncLifetime
{
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "tickets-e2e-web", Guid.NewGuid().ToString("N"));

    public LocalHost Host { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), """<!doctype html><script type="module" src="/assets/app.js"></script>""");
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "assets", "app.js"), "document.title = 'Tickets';");
        Host.Settings["DevHost:WebRoot"] = _webRoot;
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }
}

/// <summary>Every answer of the local host, web and API, carries the security headers and no Server banner.</summary>
public sealed class SecurityHeadersTests(WebHost fixture) : IClassFixture<WebHost>
{
    [Theory]
    [InlineData("")]
    [InlineData("tickets/TCK-000001")]
    [InlineData("assets/app.js")]
    [InlineData("missing.js")]
    public async Task WebAnswersForbidInlineScriptFramingSniffingAndReferrers(string path)
    {
        var response = await fixture.Host.Client().GetAsync(path);

        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        AssertCommon(response);
    }

    [Theory]
    [InlineData("api/health")]
    [InlineData("api/openapi.json")]
    [InlineData("api/no-such-route")]
    [InlineData("api/me")]
    public async Task AnonymousApiAnswersAreNeverDocumentsNorCached(string path)
    {
        var response = await fixture.Host.Client().GetAsync(path);

        AssertApi(response);
    }

    [Fact]
    public async Task AuthenticatedApiAnswersAreNeverCached()
    {
        var user = await fixture.Host.UserAsync();

        foreach (var path in new[] { "api/me", "api/tickets", "api/tickets/TCK-999999" })
        {
            var response = await user.GetAsync(path);
            AssertApi(response);
        }
    }

    private static void AssertApi(HttpResponseMessage response)
    {
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage!.RequestUri} answered Cache-Control: {response.Headers.CacheControl}");
        AssertCommon(response);
    }

    private static void AssertCommon(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Empty(response.Headers.Server);
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        HttpHeaders headers = response.Headers;
        var values = headers.TryGetValues(name, out var found) ? found.ToList() : [];
        Assert.True(values.Count == 1, $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode}) answered {values.Count} {name} headers");
        return values[0];
    }
}
