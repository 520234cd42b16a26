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
