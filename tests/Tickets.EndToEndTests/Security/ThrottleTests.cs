using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Password guessing through the local host: an account allows five failed checks in fifteen minutes however many
/// requests arrive at once, strangers cannot lock its owner out of an address she signed in from, and an unknown e-mail
/// answers exactly like a wrong password.
/// </summary>
public sealed class ThrottleTests(SecurityHost fixture) : IClassFixture<SecurityHost>
{
    private LocalHost Host => fixture.Host;

    private Task<HttpResponseMessage> LoginAsync(string email, string password, string? from = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        if (from is not null) request.Headers.Add("X-Forwarded-For", from);
        return Host.Client().SendAsync(request);
    }

    [Fact]
    public async Task SixtyConcurrentWrongPasswordsForOneAccountGetExactlyFivePasswordChecks()
    {
        var (_, _, email) = await Host.NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => LoginAsync(email, "wrong-password-1")));

        Assert.Equal(5, responses.Count(r => (int)r.StatusCode == 401));
        Assert.Equal(55, responses.Count(r => (int)r.StatusCode == 429));
        Assert.All(responses.Where(r => (int)r.StatusCode == 429), r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        // The owner too waits: from an address the account never signed in from, the lock holds.
        await (await LoginAsync(email, "Password123!")).ProblemAsync(429);
    }

    [Fact]
    public async Task StrangersCannotLockTheOwnerOutOfAnAddressSheSignedInFrom()
    {
        var (_, _, email) = await Host.NewUserAsync();
        Assert.Equal(200, (int)(await LoginAsync(email, "Password123!", from: "198.51.100.10")).StatusCode);

        for (var i = 0; i < 5; i++) await (await LoginAsync(email, "guess-number-" + i, from: "203.0.113.20")).ProblemAsync(401);

        await (await LoginAsync(email, "guess-number-6", from: "203.0.113.20")).ProblemAsync(429);
        await (await LoginAsync(email, "Password123!", from: "203.0.113.99")).ProblemAsync(429);
        Assert.Equal(200, (int)(await LoginAsync(email, "Password123!", from: "198.51.100.10")).StatusCode);
    }

    [Fact]
    public async Task GuessesFromTheOwnersAddressAreLimitedThereToo()
    {
        var (_, _, email) = await Host.NewUserAsync();
        Assert.Equal(200, (int)(await LoginAsync(email, "Password123!", from: "198.51.100.11")).StatusCode);

        for (var i = 0; i < 5; i++) await (await LoginAsync(email, "guess-number-" + i, from: "198.51.100.11")).ProblemAsync(401);

        await (await LoginAsync(email, "Password123!", from: "198.51.100.11")).ProblemAsync(429);
    }

    [Fact]
    public async Task AnUnknownEmailAndAWrongPasswordAnswerIdentically()
    {
        var (_, _, email) = await Host.NewUserAsync();

        var wrong = await LoginAsync(email, "not-the-password");
        var unknown = await LoginAsync($"nobody-{Guid.NewGuid():N}@example.org", "not-the-password");

        Assert.Equal(await Shape(wrong), await Shape(unknown));
    }

    [Fact]
    public async Task PasswordChangeGuessesAreThrottledLikeSignIns()
    {
        var (client, _, _) = await Host.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("api/me/password", new { currentPassword = "guess-number-" + i, newPassword = "A-new-password-2" });
            Assert.Equal(["currentPassword"], (await wrong.ProblemAsync(400)).FieldErrors());
        }

        var throttled = await client.PostAsJsonAsync("api/me/password", new { currentPassword = "Password123!", newPassword = "A-new-password-2" });

        await throttled.ProblemAsync(429);
    }

    /// <summary>Everything a client can observe of a refusal, except its trace id.</summary>
    private static async Task<string> Shape(HttpResponseMessage response)
    {
        var problem = (await response.JsonAsync()).Clone();
        var body = JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.WwwAuthenticate} {response.Headers.RetryAfter} {body}";
    }
}
