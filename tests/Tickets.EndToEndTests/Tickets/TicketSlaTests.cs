namespace Tickets.EndToEndTests.Tickets;

public sealed class TicketSlaTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task RequesterReadsTheClockOfTheirTicketWithPolicyDueTimesAndEventLog()
    {
        var ticket = await world.User.CreateTicketAsync(priority: "critical");

        var response = await world.User.GetAsync($"api/tickets/{ticket.Str("number")}/sla");
        var sla = await response.JsonAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("default:v1", sla.Str("policy"));
        Assert.Equal("24x7", sla.GetProperty("calendar").Str("name"));
        Assert.Equal(60, sla.GetProperty("firstResponse").GetProperty("targetMinutes").GetInt32());
        Assert.Equal(ticket.GetProperty("sla").Str("resolutionDueAt"), sla.GetProperty("resolution").Str("dueAt"));
        Assert.InRange(sla.GetProperty("firstResponse").GetProperty("remainingMinutes").GetInt64(), 58, 60);
        Assert.Contains(sla.GetProperty("events").EnumerateArray(), e => e.Str("type") == "sla_started");
    }

    [Fact]
    public async Task OnHoldShowsAsAPauseWithItsReason()
    {
        var id = (await world.User.CreateTicketAsync()).Id();
        await world.Admin.AssignAsync(id, world.TechnicianId);
        await world.Technician.SetStatusAsync(id, "in_progress");
        await world.Technician.SetStatusAsync(id, "on_hold");

        var sla = await (await world.Technician.GetAsync($"api/tickets/{id}/sla")).JsonAsync();

        Assert.True(sla.GetProperty("paused").GetBoolean());
        var pause = Assert.Single(sla.GetProperty("pauses").EnumerateArray().ToList());
        Assert.Equal("on_hold", pause.Str("reason"));
    }

    [Fact]
    public async Task AnotherUsersTicketClockIsNotFound()
    {
        var id = (await world.User.CreateTicketAsync()).Id();

        await (await world.OtherUser.GetAsync($"api/tickets/{id}/sla")).ProblemAsync(404);
        await (await world.Host.Client().GetAsync($"api/tickets/{id}/sla")).ProblemAsync(401);
    }
}
