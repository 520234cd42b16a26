using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Staff link tickets: each side shows the link as it sees it (the other gets the inverse), both histories say so, a pair
/// is linked once, and removing the link clears both sides. Requesters are refused and see no links.
/// </summary>
public sealed class LinkTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private static Task<HttpResponseMessage> LinkAsync(HttpClient client, string ticket, string other, string type) =>
        client.PostAsJsonAsync($"api/tickets/{ticket}/links", new { ticketId = other, type });

    private static JsonElement[] Links(JsonElement ticket) => [.. ticket.GetProperty("links").EnumerateArray()];

    private async Task<string[]> HistoryTypesAsync(string ticket) =>
        [.. (await (await world.Admin.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(e => e.Str("type"))];

    [Theory]
    [InlineData("duplicate_of", "duplicated_by")]
    [InlineData("parent_of", "child_of")]
    [InlineData("related", "related")]
    public async Task ALinkShowsOnBothTicketsAsEachSeesItAndBothHistoriesRecordIt(string type, string inverse)
    {
        var first = await world.User.CreateTicketAsync("No imprime la planta 2");
        var second = await world.OtherUser.CreateTicketAsync("Impresora de la planta 2 sin tóner");

        var linked = await LinkAsync(world.Technician, first.Id(), second.Id(), type);

        Assert.Equal(200, (int)linked.StatusCode);
        var mine = Assert.Single(Links(await linked.JsonAsync()));
        Assert.Equal((second.Id(), second.Str("number"), "Impresora de la planta 2 sin tóner", type),
            (mine.Str("ticketId"), mine.Str("number"), mine.Str("title"), mine.Str("type")));
        var theirs = Assert.Single(Links(await world.Admin.GetTicketAsync(second.Id())));
        Assert.Equal((first.Id(), first.Str("number"), inverse), (theirs.Str("ticketId"), theirs.Str("number"), theirs.Str("type")));
        Assert.Contains("linked", await HistoryTypesAsync(first.Id()));
        Assert.Contains("linked", await HistoryTypesAsync(second.Id()));
    }

    [Fact]
    public async Task ATicketIsLinkedByNumberToo()
    {
        var first = (await world.User.CreateTicketAsync()).Id();
        var second = await world.OtherUser.CreateTicketAsync();

        var linked = await LinkAsync(world.Admin, first, second.Str("number"), "related");

        Assert.Equal(second.Id(), Assert.Single(Links(await linked.JsonAsync())).Str("ticketId"));
    }

    [Fact]
    public async Task APairIsLinkedOnceWhicheverSideAsks()
    {
        var first = (await world.User.CreateTicketAsync()).Id();
        var second = (await world.OtherUser.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await LinkAsync(world.Technician, first, second, "duplicate_of")).StatusCode);

        var again = await (await LinkAsync(world.Technician, first, second, "duplicate_of")).ProblemAsync(409);
        var otherWay = await (await LinkAsync(world.Technician, second, first, "related")).ProblemAsync(409);
        var otherType = await (await LinkAsync(world.Technician, first, second, "parent_of")).ProblemAsync(409);

        Assert.All([again, otherWay, otherType], p => Assert.Equal(["ticketId"], p.FieldErrors()));
        Assert.Single(Links(await world.Admin.GetTicketAsync(first)));
        Assert.Single(Links(await world.Admin.GetTicketAsync(second)));
    }

    [Fact]
    public async Task ASelfLinkAnUnknownOrDeletedTicketOrABadTypeIsRefusedNamingTheField()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();
        var deleted = (await world.Admin.CreateTicketAsync()).Id();
        Assert.Equal(204, (int)(await world.Admin.DeleteAsync($"api/tickets/{deleted}")).StatusCode);
        var other = (await world.OtherUser.CreateTicketAsync()).Id();

        Assert.Equal(["ticketId"], (await (await LinkAsync(world.Technician, ticket, ticket, "related")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["ticketId"], (await (await LinkAsync(world.Technician, ticket, Guid.NewGuid().ToString("N"), "related")).ProblemAsync(404)).FieldErrors());
        Assert.Equal(["ticketId"], (await (await LinkAsync(world.Technician, ticket, deleted, "related")).ProblemAsync(404)).FieldErrors());
        Assert.Equal(["type"], (await (await LinkAsync(world.Technician, ticket, other, "duplicated_by")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["ticketId", "type"],
            (await (await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/links", new { })).ProblemAsync(400)).FieldErrors().Order());
        Assert.Empty(Links(await world.Admin.GetTicketAsync(ticket)));
    }

    [Fact]
    public async Task RequestersMayNotLinkAndSeeNoLinks()
    {
        var mine = (await world.User.CreateTicketAsync()).Id();
        var other = (await world.User.CreateTicketAsync()).Id();

        await (await LinkAsync(world.User, mine, other, "related")).ProblemAsync(403);
        Assert.Equal(200, (int)(await LinkAsync(world.Technician, mine, other, "related")).StatusCode);

        Assert.False((await world.User.GetTicketAsync(mine)).TryGetProperty("links", out _));
        Assert.DoesNotContain("linked", (await (await world.User.GetAsync($"api/tickets/{mine}/history")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(e => e.Str("type")));
    }

    [Fact]
    public async Task ALinkWrittenOnOneSideOnlyIsCompletedByAskingAgain()
    {
        var first = (await world.User.CreateTicketAsync()).Id();
        var second = (await world.OtherUser.CreateTicketAsync()).Id();
        // An earlier attempt wrote this side (as the service does first), then stopped before the other's.
        var store = world.Host.Services.GetRequiredService<ITicketStore>();
        var mine = (await store.FindAsync(first))!;
        var technician = new Actor(world.TechnicianId, "Técnico", Role.Technician, "Soporte");
        Assert.NotNull(await store.SaveAsync(mine.Link(technician, (await store.FindAsync(second))!, TicketLinkType.ParentOf, DateTimeOffset.UtcNow).Value, mine.ETag));

        var retried = await LinkAsync(world.Technician, first, second, "parent_of");

        Assert.Equal(200, (int)retried.StatusCode);
        Assert.Equal("parent_of", Assert.Single(Links(await retried.JsonAsync())).Str("type"));
        Assert.Equal("child_of", Assert.Single(Links(await world.Admin.GetTicketAsync(second))).Str("type"));
        Assert.Single(await HistoryTypesAsync(first), type => type == "linked");
    }

    [Fact]
    public async Task RemovingALinkClearsBothSidesAndIsThenA404()
    {
        var first = (await world.User.CreateTicketAsync()).Id();
        var second = (await world.OtherUser.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await LinkAsync(world.Technician, first, second, "parent_of")).StatusCode);

        var removed = await world.Technician.DeleteAsync($"api/tickets/{second}/links/{first}");

        Assert.Equal(200, (int)removed.StatusCode);
        Assert.Empty(Links(await removed.JsonAsync()));
        Assert.Empty(Links(await world.Admin.GetTicketAsync(first)));
        Assert.Contains("unlinked", await HistoryTypesAsync(first));
        Assert.Contains("unlinked", await HistoryTypesAsync(second));
        await (await world.Technician.DeleteAsync($"api/tickets/{second}/links/{first}")).ProblemAsync(404);
    }
}
