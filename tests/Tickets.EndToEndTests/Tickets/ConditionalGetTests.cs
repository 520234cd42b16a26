using System.Net.Http.Headers;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Polling clients (the queue, its tab counts, an open ticket, the bell) ask with the ETag they hold and are answered 304,
/// with no body, while nothing they would see has changed, and 200 with the new page once something has.
/// </summary>
public sealed class ConditionalGetTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task TheListAnswers304WhenNothingChangedAnd200AfterAChange()
    {
        var (requester, _, _) = await world.Host.NewUserAsync();
        var ticket = await requester.CreateTicketAsync();
        var first = await requester.GetAsync("api/tickets?limit=10");
        var etag = first.Headers.ETag!;

        var unchanged = await GetIfNoneMatchAsync(requester, "api/tickets?limit=10", etag);
        Assert.Equal(201, (int)(await requester.CommentAsync(ticket.Id(), "Sigue sin imprimir.")).StatusCode);
        var changed = await GetIfNoneMatchAsync(requester, "api/tickets?limit=10", etag);

        Assert.True(etag.IsWeak);
        Assert.Equal((304, etag), ((int)unchanged.StatusCode, unchanged.Headers.ETag));
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(1, (await changed.JsonAsync()).GetProperty("items")[0].GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task A304CarriesNoBody()
    {
        var (requester, _, _) = await world.Host.NewUserAsync();
        await requester.CreateTicketAsync();
        var etag = (await requester.GetAsync("api/tickets")).Headers.ETag!;

        var unchanged = await GetIfNoneMatchAsync(requester, "api/tickets", etag);

        Assert.Equal(304, (int)unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TabCountsAnswer200WhenTheTotalChanges()
    {
        const string count = "api/tickets?status=open&assigneeId=none&limit=1&includeTotal=true";
        var etag = (await world.Technician.GetAsync(count)).Headers.ETag!;
        var again = await GetIfNoneMatchAsync(world.Technician, count, etag);

        // A new unassigned ticket changes the total even if the first item of the page stays the same.
        await world.OtherUser.CreateTicketAsync("Otro más", "El escáner tampoco.");
        var after = await GetIfNoneMatchAsync(world.Technician, count, etag);

        Assert.Equal(304, (int)again.StatusCode);
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task TheSamePageIsTaggedForItsCaller()
    {
        var ticket = await world.User.CreateTicketAsync();
        var url = $"api/tickets?q={ticket.Str("number")}";
        var admins = (await world.Admin.GetAsync(url)).Headers.ETag!;

        // The items carry what their caller may do: another caller's tag is not current for this one.
        var technicians = await GetIfNoneMatchAsync(world.Technician, url, admins);

        Assert.Equal(200, (int)technicians.StatusCode);
        Assert.Single((await technicians.JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ATicketAnswers304UntilItChangesWithTheETagItsWritesUse()
    {
        var ticket = await world.User.CreateTicketAsync();
        var read = await world.User.GetAsync($"api/tickets/{ticket.Id()}");
        var etag = read.Headers.ETag!;

        var unchanged = await GetIfNoneMatchAsync(world.User, $"api/tickets/{ticket.Id()}", etag);
        var byNumber = await GetIfNoneMatchAsync(world.User, $"api/tickets/{ticket.Str("number")}", etag);
        Assert.Equal(201, (int)(await world.User.CommentAsync(ticket.Id(), "Más detalles.")).StatusCode);
        var changed = await GetIfNoneMatchAsync(world.User, $"api/tickets/{ticket.Id()}", etag);

        Assert.False(etag.IsWeak);
        Assert.Equal($"\"{(await read.JsonAsync()).Str("etag")}\"", etag.Tag);
        Assert.Equal((304, 304, 200), ((int)unchanged.StatusCode, (int)byNumber.StatusCode, (int)changed.StatusCode));
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheBellAnswers304UntilANotificationArrives()
    {
        var (requester, _, _) = await world.Host.NewUserAsync();
        var ticket = await requester.CreateTicketAsync();
        var etag = (await requester.GetAsync("api/notifications")).Headers.ETag!;
        var quiet = await GetIfNoneMatchAsync(requester, "api/notifications", etag);

        Assert.Equal(201, (int)(await world.Technician.CommentAsync(ticket.Id(), "¿Qué modelo de impresora es?")).StatusCode);
        var told = await Eventually.Until(() => GetIfNoneMatchAsync(requester, "api/notifications", etag), r => (int)r.StatusCode == 200,
            "told about the technician's reply", TimeSpan.FromSeconds(60));

        Assert.Equal(304, (int)quiet.StatusCode);
        Assert.Equal(1, (await told.JsonAsync()).GetProperty("unreadCount").GetInt32());
    }

    private static Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return client.SendAsync(request);
    }
}
