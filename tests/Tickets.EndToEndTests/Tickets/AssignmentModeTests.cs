using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>A local host with <c>Tickets:Assignment:Mode=leastLoaded</c>.</summary>
public sealed class LeastLoadedHost : IAsyncLifetime
{
    public TicketWorld World { get; } = new();

    public Task InitializeAsync()
    {
        World.Host.Settings["Tickets:Assignment:Mode"] = "leastLoaded";
        return World.InitializeAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

public sealed class AssignmentModeTests(LeastLoadedHost host) : IClassFixture<LeastLoadedHost>
{
    [Fact]
    public async Task NewTicketsGoToTheTechnicianWithTheFewestOpenTicketsAndSaySo()
    {
        var world = host.World;

        // The demo technician already holds the open demo tickets; the technician created for the test holds none.
        var first = await world.User.CreateTicketAsync("Primero");

        Assert.Equal(world.OtherTechnicianId, first.GetProperty("assignee").Str("id"));
        var history = await (await world.Admin.GetAsync($"api/tickets/{first.Id()}/history")).JsonAsync();
        var assigned = history.GetProperty("items").EnumerateArray().Single(e => e.Str("type") == "assigned");
        Assert.Equal(JsonValueKind.Null, assigned.GetProperty("actor").ValueKind);
        Assert.Equal("least_loaded", assigned.GetProperty("data").Str("reason"));
    }
}
