using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Tickets.EndToEndTests.Identity;

public sealed class AuthTests(LocalHost host) : IClassFixture<LocalHost>
{
    [Fact]
    public async Task HealthAnswersOkWithoutAToken()
    {
        var response = await host.Client().GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task NewcomerCanRegisterLogInAndReadTheirAccount()
    {
        var (client, id, email) = await host.NewUserAsync();

        var me = await (await client.GetAsync("api/me")).JsonAsync();

        var user = me.GetProperty("user");
        Assert.Equal(id, user.GetProperty("id").GetString());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal("user", user.GetProperty("role").GetString());
        Assert.False(user.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task FiveConcurrentRefreshesOfOneTokenAllGetTheSamePairAndTheSessionLives()
    {
        var (_, _, email) = await host.NewUserAsync();
        var login = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();
        var refreshToken = login.GetProperty("refreshToken").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var pairs = await Task.WhenAll(answers.Select(async a => await a.JsonAsync()));
        Assert.Single(pairs.Select(p => (p.GetProperty("accessToken").GetString(), p.GetProperty("refreshToken").GetString())).Distinct());
        var successor = pairs[0].GetProperty("refreshToken").GetString();
        var next = await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = successor });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await next.JsonAsync()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task RegistrationIgnoresARequestedRole()
    {
        var response = await host.Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = "123456789", phone = "600123456", firstNames = "Eva", lastNames = "Lista", department = "IT",
            email = $"eva-{Guid.NewGuid():N}@example.org", password = "Password123!", role = "admin",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("user", (await response.JsonAsync()).GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task RegistrationWithEveryFieldWrongNamesEveryFieldAndStoresNothing()
    {
        var email = $"bad-{Guid.NewGuid():N}";
        var response = await host.Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = "12a", phone = "x", firstNames = "", lastNames = new string('a', 101), department = "", email, password = "short",
        });

        var problem = await response.ProblemAsync(400);
        Assert.Equal(
            new[] { "department", "dni", "email", "firstNames", "lastNames", "password", "phone" },
            problem.FieldErrors().Order());
    }

    [Fact]
    public async Task DuplicateEmailIsAConflictNamingTheField()
    {
        var (_, _, email) = await host.NewUserAsync();

        var response = await host.Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = "987654321", phone = "600123456", firstNames = "Otro", lastNames = "Usuario", department = "IT",
            email = email.ToUpperInvariant(), password = "Password123!",
        });

        var problem = await response.ProblemAsync(409);
        Assert.Equal(["email"], problem.FieldErrors());
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestNotAServerError()
    {
        var response = await host.Client().PostAsync("api/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        await response.ProblemAsync(400);
    }

    [Fact]
    public async Task WrongTypeNamesTheField()
    {
        var response = await host.Client().PostAsync("api/auth/login", new StringContent("{\"email\": 5, \"password\": \"x\"}", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400);
        Assert.Equal(["email"], problem.FieldErrors());
    }

    [Fact]
    public async Task BodyThatIsNotJsonIsUnsupportedMediaType()
    {
        var response = await host.Client().PostAsync("api/auth/login", new StringContent("email=a", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.ProblemAsync(415);
    }

    [Fact]
    public async Task BodyOver64KiBIsTooLarge()
    {
        var huge = "{\"email\":\"" + new string('a', 70_000) + "\"}";
        var response = await host.Client().PostAsync("api/auth/login", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(413);
    }

    [Fact]
    public async Task UnknownEmailAndWrongPasswordAnswerIdentically()
    {
        var (_, _, email) = await host.NewUserAsync();

        var unknown = await host.Client().PostAsJsonAsync("api/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.org", password = "Password123!" });
        var wrong = await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "WrongPassword1!" });

        var a = await unknown.ProblemAsync(401);
        var b = await wrong.ProblemAsync(401);
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.Equal(a.GetProperty("code").GetString(), b.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SixthFailedLoginWithinFifteenMinutesIsThrottledWithRetryAfter()
    {
        var (_, _, email) = await host.NewUserAsync();
        for (var i = 0; i < 5; i++)
            await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "WrongPassword1!" })).ProblemAsync(401);

        var throttled = await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" });

        await throttled.ProblemAsync(429);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task RefreshRotatesTheTokenAndTheOldOneIsSpent()
    {
        var (_, _, email) = await host.NewUserAsync();
        var login = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();
        var first = login.GetProperty("refreshToken").GetString();

        var refreshed = await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = first });
        var body = await refreshed.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(first, body.GetProperty("refreshToken").GetString());
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task LogoutEndsTheRefreshToken()
    {
        var (_, _, email) = await host.NewUserAsync();
        var login = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();
        var token = login.GetProperty("refreshToken").GetString();

        var logout = await host.Client().PostAsJsonAsync("api/auth/logout", new { refreshToken = token });
        var refresh = await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = token });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await refresh.ProblemAsync(401);
    }

    [Fact]
    public async Task MissingTokenIsUnauthorizedWithBearerChallenge()
    {
        var response = await host.Client().GetAsync("api/me");

        await response.ProblemAsync(401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task GarbageTokenIsUnauthorizedAsInvalidToken()
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");

        var response = await client.GetAsync("api/me");

        await response.ProblemAsync(401);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRouteIsAProblem404()
    {
        await (await host.Client().GetAsync("api/nothing-here")).ProblemAsync(404);
    }
}

/// <summary>A host whose refresh reuse leeway is one second, so a test sees it run out.</summary>
public sealed class ShortRefreshLeewayHost : IAsyncLifetime
{
    public LocalHost Host { get; } = new();

    public Task InitializeAsync()
    {
        Host.Settings["Tickets:Jwt:RefreshReuseLeeway"] = "00:00:01";
        return Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class RefreshReuseTests(ShortRefreshLeewayHost world) : IClassFixture<ShortRefreshLeewayHost>
{
    [Fact]
    public async Task ReusingASpentRefreshTokenAfterTheLeewayRevokesTheWholeFamily()
    {
        var host = world.Host;
        var (_, _, email) = await host.NewUserAsync();
        var login = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();
        var first = login.GetProperty("refreshToken").GetString();
        var rotated = await (await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = first })).JsonAsync();
        var second = rotated.GetProperty("refreshToken").GetString();

        // Within the leeway a reuse answers the same successor; once it has run out, the reuse ends the session.
        using var anonymous = host.Client();
        var reuse = await Eventually.Until(
            () => anonymous.PostAsJsonAsync("api/auth/refresh", new { refreshToken = first }),
            answer => answer.StatusCode != HttpStatusCode.OK, "the reuse leeway ran out");
        var afterReuse = await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = second });

        await reuse.ProblemAsync(401);
        await afterReuse.ProblemAsync(401);
        // The session ends whole: the successor's access token too, not only its refresh token.
        using var successor = host.Client();
        successor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rotated.GetProperty("accessToken").GetString());
        await (await successor.GetAsync("api/me")).ProblemAsync(401);
    }
}
