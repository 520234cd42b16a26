using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Security;

/// <summary>A local host with low <c>Tickets:Limits</c> and client addresses from <c>X-Forwarded-For</c>.</summary>
public abstract class LimitedHost(int perAddress, int everyone) : IAsyncLifetime
{
    public LocalHost Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Limits:ClientAddressHeader"] = "X-Forwarded-For";
        Host.Settings["Tickets:Limits:PasswordAttemptsPerAddressPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Host.Settings["Tickets:Limits:PasswordHashingPerMinute"] = everyone.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class FourPerAddressHost() : LimitedHost(perAddress: 4, everyone: 10_000);

public sealed class TenForEveryoneHost() : LimitedHost(perAddress: 10_000, everyone: 10);

/// <summary>Shared helpers: requests from a given address, and runs that must fall inside one counting minute.</summary>
internal static class LimitedRequests
{
    public static Task<HttpResponseMessage> PostFromAsync(this LocalHost host, string path, object body, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", $"10.0.0.1, {address}");
        return host.Client().SendAsync(request);
    }

    public static object Person() => new
    {
        dni = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        phone = "+34 600 123 456",
        firstNames = "Límite",
        lastNames = "Por Dirección",
        department = "Ventas",
        email = $"limits-{Guid.NewGuid():N}@example.org",
        password = "Password123!",
    };

    /// <summary>
    /// The limits count per clock minute, so a run must not straddle a minute boundary: one that would start in a minute's
    /// last seconds starts with the next minute instead. A run here takes a second or two.
    /// </summary>
    public static async Task<T> WithinOneMinuteAsync<T>(Func<Task<T>> run)
    {
        var now = DateTimeOffset.UtcNow;
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute);
        if (left < TimeSpan.FromSeconds(8)) await Task.Delay(left + TimeSpan.FromMilliseconds(50));

        var minute = DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerMinute;
        var result = await run();
        Assert.True(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerMinute == minute, "The run took longer than the rest of its minute.");
        return result;
    }
}

public sealed class PasswordAttemptsPerAddressTests(FourPerAddressHost fixture) : IClassFixture<FourPerAddressHost>
{
    [Fact]
    public async Task AnAddressSprayingPasswordsOverManyAccountsIsStoppedAndOthersAreNot()
    {
        var (statuses, retryAfter, elsewhere) = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var address = $"203.0.113.{Random.Shared.Next(1, 250)}";
            var statuses = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                var login = await fixture.Host.PostFromAsync("api/auth/login", new { email = $"victim{i}@example.org", password = "Summer2026!!" }, address);
                statuses.Add((int)login.StatusCode);
            }

            var register = await fixture.Host.PostFromAsync("api/auth/register", LimitedRequests.Person(), address);
            statuses.Add((int)register.StatusCode);
            var other = await fixture.Host.PostFromAsync("api/auth/register", LimitedRequests.Person(), "198.51.100." + Random.Shared.Next(1, 250));
            return (statuses, register.Headers.RetryAfter?.Delta, (int)other.StatusCode);
        });

        Assert.Equal([401, 401, 401, 401, 429], statuses);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(201, elsewhere);
    }
}

public sealed class PasswordHashingForEveryoneTests(TenForEveryoneHost fixture) : IClassFixture<TenForEveryoneHost>
{
    [Fact]
    public async Task EveryoneTogetherMayHaveOnlySoManyPasswordsCheckedPerMinute()
    {
        var statuses = await LimitedRequests.WithinOneMinuteAsync(async () =>
        {
            var statuses = new List<int>();
            for (var i = 1; i <= 11; i++)
            {
                var login = await fixture.Host.PostFromAsync("api/auth/login",
                    new { email = $"someone-{Guid.NewGuid():N}@example.org", password = "Summer2026!!" }, $"192.0.2.{i}");
                statuses.Add((int)login.StatusCode);
            }

            return statuses;
        });

        Assert.Equal([.. Enumerable.Repeat(401, 10), 429], statuses);
    }
}
