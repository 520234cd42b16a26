using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Tags are staff-internal labels: staff set a ticket's whole set (normalised, limited, recorded as tags_changed), filter
/// the list by one and complete them from those in use; requesters may not set, filter by or even see them.
/// </summary>
public sealed class TagTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    /// <summary>A tag no other test uses (tests of a class share one host).</summary>
    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    private static Task<HttpResponseMessage> TagAsync(HttpClient client, string ticket, params string[] tags) =>
        client.PutAsJsonAsync($"api/tickets/{ticket}/tags", new { tags });

    private static string[] Tags(JsonElement ticket) => ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    [Fact]
    public async Task StaffSetTagsNormalisedAndDeduplicatedAndTheChangeIsInTheHistory()
    {
        var ticket = (await world.User.CreateTicketAsync("Sin VPN desde casa", "No conecta.")).Id();

        var set = await TagAsync(world.Technician, ticket, "  VPN ", "vpn", "Impresión", "Sala  2");
        Assert.Equal(200, (int)set.StatusCode);
        Assert.Equal(["vpn", "impresion", "sala 2"], Tags(await set.JsonAsync()));

        var replaced = await TagAsync(world.Admin, ticket, "vpn", "red");
        Assert.Equal(["vpn", "red"], Tags(await replaced.JsonAsync()));

        var history = (await (await world.Admin.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.Str("type") == "tags_changed").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(["red"], history[1].GetProperty("added").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["impresion", "sala 2"], history[1].GetProperty("removed").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("tiene,coma")]
    [InlineData("salto\nde línea")]
    [InlineData("   ")]
    [InlineData("una-etiqueta-de-mas-de-cuarenta-caracteres-x")]
    public async Task ABadTagIsA400NamingTagsAndChangesNothing(string bad)
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();

        var problem = await (await TagAsync(world.Technician, ticket, "vpn", bad)).ProblemAsync(400);

        Assert.Equal(["tags"], problem.FieldErrors());
        Assert.Empty(Tags(await world.Technician.GetTicketAsync(ticket)));
    }

    [Fact]
    public async Task MoreThanTwentyTagsOrNoArrayIsA400NamingTags()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();

        var tooMany = await TagAsync(world.Technician, ticket, [.. Enumerable.Range(0, 21).Select(i => $"t{i}")]);
        var missing = await world.Technician.PutAsJsonAsync($"api/tickets/{ticket}/tags", new { });

        Assert.Equal(["tags"], (await tooMany.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["tags"], (await missing.ProblemAsync(400)).FieldErrors());
        Assert.Equal(200, (int)(await TagAsync(world.Technician, ticket, [.. Enumerable.Range(0, 20).Select(i => $"t{i}")])).StatusCode);
    }

    [Fact]
    public async Task AStaleIfMatchIs412()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();
        var stale = (await world.Technician.GetAsync($"api/tickets/{ticket}")).Headers.ETag!;
        Assert.Equal(200, (int)(await TagAsync(world.Technician, ticket, "vpn")).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Put, $"api/tickets/{ticket}/tags") { Content = JsonContent.Create(new { tags = new[] { "red" } }) };
        request.Headers.IfMatch.Add(stale);

        await (await world.Technician.SendAsync(request)).ProblemAsync(412);
        Assert.Equal(["vpn"], Tags(await world.Technician.GetTicketAsync(ticket)));
    }

    [Fact]
    public async Task TheListFiltersByTagCombinedWithOtherFiltersAndPages()
    {
        var tag = Unique("vpn");
        var tagged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await world.User.CreateTicketAsync($"VPN {i}", "No conecta.", i < 3 ? "high" : "low")).Id();
            Assert.Equal(200, (int)(await TagAsync(world.Technician, id, tag.ToUpperInvariant())).StatusCode);
            tagged.Add(id);
        }

        await world.User.CreateTicketAsync("Sin etiqueta", "Nada.");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await world.Technician.GetAsync($"api/tickets?tag={tag}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.Contains(tag, Tags(t)));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        }
        while (cursor is not null);

        Assert.Equal(tagged.Order(), seen.Order());
        var high = await (await world.Admin.GetAsync($"api/tickets?tag={tag.ToUpperInvariant()}&priority=high&includeTotal=true")).JsonAsync();
        Assert.Equal(3, high.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task CompletionAnswersTheMostUsedTagsStartingWithWhatWasTyped()
    {
        var stem = Unique("cmp");
        foreach (var tags in new[] { new[] { $"{stem}-red" }, [$"{stem}-red", $"{stem}-vpn"], [$"{stem}-red"] })
            Assert.Equal(200, (int)(await TagAsync(world.Technician, (await world.User.CreateTicketAsync()).Id(), tags)).StatusCode);

        var found = await (await world.Technician.GetAsync($"api/tags?q={stem.ToUpperInvariant()}")).JsonAsync();

        Assert.Equal([($"{stem}-red", 3L), ($"{stem}-vpn", 1L)],
            found.GetProperty("items").EnumerateArray().Select(t => (t.Str("tag"), t.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task RequestersMayNotTagFilterByOrSeeTagsNorTheirHistory()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await TagAsync(world.Technician, ticket, "confidencial")).StatusCode);

        await (await TagAsync(world.User, ticket, "mia")).ProblemAsync(403);
        await (await world.User.GetAsync("api/tags?q=c")).ProblemAsync(403);
        Assert.Equal(["tag"], (await (await world.User.GetAsync("api/tickets?tag=confidencial")).ProblemAsync(400)).FieldErrors());

        var seen = await world.User.GetTicketAsync(ticket);
        Assert.False(seen.TryGetProperty("tags", out _));
        Assert.False(seen.GetProperty("actions").GetProperty("changeTags").GetBoolean());
        var listed = (await (await world.User.GetAsync("api/tickets?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray();
        Assert.All(listed, t => Assert.False(t.TryGetProperty("tags", out _)));
        var history = (await (await world.User.GetAsync($"api/tickets/{ticket}/history")).JsonAsync()).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(history, e => e.Str("type") == "tags_changed");
    }
}
