using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tickets.DevHost;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>Nothing acknowledged is lost: concurrent writes, then a restart of the host on the same store.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tickets-e2e", "restart-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(WebApplication App, HttpClient Client)> StartAsync()
    {
        var app = DevHostApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            "--Tickets:DemoData=true",
            "--Logging:LogLevel:Default=Warning",
            $"--DevHost:WebRoot={Path.Combine(_data, "no-web")}",
            .. HostStore.Current.Arguments(_data),
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") });
    }

    [Fact]
    public async Task EveryAcknowledgedTicketAndCommentSurvivesARestart()
    {
        var (first, client) = await StartAsync();
        var login = await (await client.PostAsJsonAsync("api/auth/login", new { email = "user@tickets.local", password = "User123!demo" })).JsonAsync();
        var token = login.Str("accessToken");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var response = await client.PostAsJsonAsync("api/tickets", new { title = $"Ticket concurrente {i}", description = "Escritura simultánea." });
            Assert.Equal(201, (int)response.StatusCode);
            var id = (await response.JsonAsync()).Id();
            Assert.Equal(201, (int)(await client.CommentAsync(id, $"Comentario {i}")).StatusCode);
            return id;
        }));
        await first.StopAsync();
        await first.DisposeAsync();

        var (second, again) = await StartAsync();
        // The same access token still works: the development signing key is kept beside the database.
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var id in created)
        {
            var ticket = await again.GetTicketAsync(id);
            Assert.Equal(1, ticket.GetProperty("commentCount").GetInt32());
        }

        var mine = await (await again.GetAsync("api/tickets?limit=100&includeTotal=true&q=concurrente")).JsonAsync();
        Assert.Equal(created.Length, mine.GetProperty("total").GetInt64());
        await HostStore.Current.DropAsync(second.Services);
        await second.StopAsync();
        await second.DisposeAsync();
    }
}
