using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Health;

/// <summary><c>/health</c> on a host of its own: ok, then degraded while a poison queue holds a message.</summary>
public sealed class HealthTests(LocalHost host) : IClassFixture<LocalHost>
{
    private async Task<(int Status, JsonElement Body)> HealthAsync()
    {
        var response = await host.Client().GetAsync("api/health");
        return ((int)response.StatusCode, await response.JsonAsync());
    }

    [Fact]
    public async Task APoisonedMessageMakesHealthDegradedNamingTheQueueAndOnlyAdminsSeeTheCount()
    {
        Assert.Equal("ok", (await HealthAsync()).Body.Str("status"));

        await host.Queues.SendAsync("sla-checks-poison", """{"ticketId":"t-1"}""");

        var (status, body) = await Eventually.Until(HealthAsync, h => h.Body.Str("status") == "degraded", "degraded", TimeSpan.FromSeconds(30));
        Assert.Equal(200, status);
        Assert.Equal(["sla-checks-poison"], body.GetProperty("poisonQueues").EnumerateArray().Select(q => q.GetString()));
        Assert.DoesNotContain("approximateMessages", body.GetRawText(), StringComparison.Ordinal);

        var details = await (await (await host.AdminAsync()).GetAsync("api/health/details")).JsonAsync();
        Assert.Equal("degraded", details.Str("status"));
        Assert.Equal(1, details.GetProperty("queues").EnumerateArray().Single(q => q.Str("name") == "sla-checks-poison").GetProperty("approximateMessages").GetInt32());
    }
}
