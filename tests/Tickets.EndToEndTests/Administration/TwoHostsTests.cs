using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Administration;

/// <summary>Two local hosts on one store (one SQLite file, or one Cosmos database), as two instances of a scaled-out app.</summary>
public sealed class TwoHosts : IAsyncLifetime
{
    public LocalHost First { get; } = new();

    public LocalHost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        var configuration = First.Services.GetRequiredService<IConfiguration>();
        Second = new LocalHost();
        Second.Settings["Tickets:Sqlite:Path"] = configuration["Tickets:Sqlite:Path"];
        Second.Settings["Tickets:Cosmos:Database"] = configuration["Tickets:Cosmos:Database"];
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

public sealed class TwoHostsTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [Fact]
    public async Task ACategoryMadeOnOneHostIsTakenAtIntakeOnTheOtherWithinSeconds()
    {
        var admin = await hosts.First.AdminAsync();
        var user = await hosts.Second.UserAsync();
        // The second host has read its categories (they are cached from here on).
        await user.CreateTicketAsync("Antes de la categoría nueva", category: "hardware");

        var category = await admin.CreateCategoryAsync(null, "Creada en el primero");
        var accepted = await Eventually.Until(
            () => user.PostAsJsonAsync("api/tickets", new { title = "Con la categoría nueva", description = "Texto", category }),
            response => (int)response.StatusCode == 201, "accepted by the second host", TimeSpan.FromSeconds(30));

        Assert.Equal(category, (await accepted.JsonAsync()).Str("category"));
        Assert.Equal(200, (int)(await admin.PatchAsJsonAsync($"api/categories/{category}", new { active = false })).StatusCode);
        await Eventually.Until(
            () => user.PostAsJsonAsync("api/tickets", new { title = "Ya desactivada", description = "Texto", category }),
            response => (int)response.StatusCode == 400, "refused by the second host", TimeSpan.FromSeconds(30));
    }
}
