using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>250 tickets of one requester, shared by the paging tests of this class.</summary>
public sealed class PagingWorld : IAsyncLifetime
{
    public TicketWorld World { get; } = new();

    public HttpClient Requester { get; private set; } = null!;

    public List<JsonElement> Created { get; } = [];

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        (Requester, _, _) = await World.Host.NewUserAsync();
        string[] priorities = ["low", "medium", "high", "critical"];
        for (var i = 0; i < 250; i++)
            Created.Add(await Requester.CreateTicketAsync($"Ticket de paginación {i:D3}", "Texto", priorities[i % 4]));

        // Touch some, so updatedAt differs from createdAt order; assign some, so slaDue mixes targets.
        for (var i = 0; i < 250; i += 7)
            Assert.Equal(201, (int)(await Requester.CommentAsync(Created[i].Id(), "Sigue pasando.")).StatusCode);
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

public sealed class TicketListTests(PagingWorld paging) : IClassFixture<PagingWorld>
{
    private TicketWorld World => paging.World;

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    [InlineData("priority")]
    [InlineData("-priority")]
    [InlineData("slaDue")]
    public async Task PagingThroughEverySortYieldsEveryTicketExactlyOnceInOrder(string sort)
    {
        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"api/tickets?sort={Uri.EscapeDataString(sort)}&limit=23" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await paging.Requester.GetAsync(url)).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        }
        while (cursor is not null);

        Assert.Equal(250, seen.Count);
        Assert.Equal(paging.Created.Select(t => t.Id()).Order(), seen.Select(t => t.Id()).Order());

        var keys = seen.Select(t => Key(t, sort)).ToList();
        var expected = sort.StartsWith('-') ? keys.OrderByDescending(k => k, StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, keys);
    }

    private static string Key(JsonElement t, string sort) => sort.TrimStart('-') switch
    {
        "createdAt" => Instant(t.Str("createdAt")),
        "updatedAt" => Instant(t.Str("updatedAt")),
        "priority" => Array.IndexOf(["low", "medium", "high", "critical"], t.Str("priority")) + Instant(t.Str("createdAt")),
        _ => Instant(t.GetProperty("sla").Str("dueAt")),
    };

    private static string Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcTicks.ToString("D20", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TotalIsAnsweredWhenAsked()
    {
        var page = await (await paging.Requester.GetAsync("api/tickets?includeTotal=true&limit=1")).JsonAsync();
        var without = await (await paging.Requester.GetAsync("api/tickets?limit=1")).JsonAsync();

        Assert.Equal(250, page.GetProperty("total").GetInt64());
        Assert.False(without.TryGetProperty("total", out _));
    }

    [Fact]
    public async Task MultiValuedFiltersCombine()
    {
        var page = await (await paging.Requester.GetAsync("api/tickets?priority=high,critical&status=open&includeTotal=true")).JsonAsync();

        Assert.Equal(124, page.GetProperty("total").GetInt64());
        Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.Contains(t.Str("priority"), new[] { "high", "critical" }));
    }

    [Fact]
    public async Task SearchIgnoresCaseAndAccents()
    {
        var (client, _, _) = await World.Host.NewUserAsync();
        var accented = await client.CreateTicketAsync("Impresión rota en recepción", "La bandeja está dañada.");
        await client.CreateTicketAsync("Otro asunto", "Nada que ver.");

        foreach (var q in new[] { "IMPRESION", "recepción", "RECEPCION", "danada", accented.Str("number").ToLowerInvariant() })
        {
            var page = await (await client.GetAsync($"api/tickets?q={Uri.EscapeDataString(q)}")).JsonAsync();
            Assert.Equal([accented.Id()], page.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        }
    }

    [Fact]
    public async Task ListItemsLeaveTheDescriptionToTheTicketAndCarryTheSlaCondition()
    {
        var (client, _, _) = await World.Host.NewUserAsync();
        var created = await client.CreateTicketAsync("Monitor parpadea", "Una descripción que solo muestra el ticket completo.");

        var item = (await (await client.GetAsync("api/tickets")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        var full = await client.GetTicketAsync(created.Id());

        Assert.False(item.TryGetProperty("description", out _));
        Assert.Equal("Una descripción que solo muestra el ticket completo.", full.GetProperty("description").GetString());
        Assert.Equal((full.Str("number"), full.Str("title"), full.Str("etag")), (item.Str("number"), item.Str("title"), item.Str("etag")));
        Assert.Equal((full.GetProperty("sla").Str("state"), full.GetProperty("sla").Str("dueAt")),
            (item.GetProperty("sla").Str("state"), item.GetProperty("sla").Str("dueAt")));
    }

    [Fact]
    public async Task AssigneeFilterTakesMeAndNone()
    {
        var ticket = await World.User.CreateTicketAsync("Filtro por asignado");
        await World.OtherTechnician.AssignAsync(ticket.Id(), World.OtherTechnicianId);

        var mine = await (await World.OtherTechnician.GetAsync("api/tickets?assigneeId=me&limit=100")).JsonAsync();
        var none = await (await World.Admin.GetAsync("api/tickets?assigneeId=none&limit=100")).JsonAsync();

        Assert.Contains(ticket.Id(), mine.GetProperty("items").EnumerateArray().Select(t => t.Id()));
        Assert.All(mine.GetProperty("items").EnumerateArray(), t => Assert.Equal(World.OtherTechnicianId, t.GetProperty("assignee").Str("id")));
        Assert.All(none.GetProperty("items").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("assignee").ValueKind));
    }

    [Fact]
    public async Task DateRangeFiltersCreation()
    {
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await (await paging.Requester.GetAsync($"api/tickets?createdFrom={tomorrow}&includeTotal=true")).JsonAsync();
        var today = await (await paging.Requester.GetAsync($"api/tickets?createdTo={tomorrow}&includeTotal=true")).JsonAsync();

        Assert.Equal(0, page.GetProperty("total").GetInt64());
        Assert.Equal(250, today.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task BadListParametersAreNamed()
    {
        var response = await paging.Requester.GetAsync(
            "api/tickets?status=abierto&priority=urgent&sort=title&limit=101&cursor=nope&includeTotal=maybe&createdFrom=ayer");

        var problem = await response.ProblemAsync(400);
        Assert.Equal(["createdFrom", "cursor", "includeTotal", "limit", "priority", "sort", "status"], problem.FieldErrors().Order());
    }

    [Fact]
    public async Task CursorFromAnotherSortIsRefused()
    {
        var page = await (await paging.Requester.GetAsync("api/tickets?sort=priority&limit=2")).JsonAsync();

        var response = await paging.Requester.GetAsync($"api/tickets?sort=createdAt&cursor={Uri.EscapeDataString(page.Str("nextCursor"))}");

        Assert.Equal(["cursor"], (await response.ProblemAsync(400)).FieldErrors());
    }
}

public sealed class TicketInputTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private async Task<long> CountAsync(HttpClient client) =>
        (await (await client.GetAsync("api/tickets?includeTotal=true&limit=1")).JsonAsync()).GetProperty("total").GetInt64();

    [Fact]
    public async Task CreateWithEveryFieldWrongNamesEveryFieldAndStoresNothing()
    {
        var (client, _, _) = await world.Host.NewUserAsync();

        var response = await client.PostAsJsonAsync("api/tickets", new { title = "ab", description = "", priority = "urgente", category = "cocina" });

        var problem = await response.ProblemAsync(400);
        Assert.Equal(["category", "description", "priority", "title"], problem.FieldErrors().Order());
        Assert.Equal(0, await CountAsync(client));
    }

    [Fact]
    public async Task CreateWithNothingNamesTheRequiredFields()
    {
        var response = await world.User.PostAsJsonAsync("api/tickets", new { });

        Assert.Equal(["description", "title"], (await response.ProblemAsync(400)).FieldErrors().Order());
    }

    [Fact]
    public async Task TooLongFieldsAreNamed()
    {
        var response = await world.User.PostAsJsonAsync("api/tickets", new { title = new string('t', 201), description = new string('d', 10_001) });

        Assert.Equal(["description", "title"], (await response.ProblemAsync(400)).FieldErrors().Order());
    }

    [Fact]
    public async Task PatchWithEveryFieldWrongNamesEveryFieldAndChangesNothing()
    {
        var ticket = await world.User.CreateTicketAsync();

        var response = await world.User.PatchAsJsonAsync($"api/tickets/{ticket.Id()}", new { title = "", description = new string('d', 10_001), priority = "x", category = "y" });

        Assert.Equal(["category", "description", "priority", "title"], (await response.ProblemAsync(400)).FieldErrors().Order());
        Assert.Equal(ticket.Str("etag"), (await world.User.GetTicketAsync(ticket.Id())).Str("etag"));
    }

    [Fact]
    public async Task StatusChangeNamesTheBadStatusAndTheMissingNote()
    {
        var ticket = await world.User.CreateTicketAsync();

        Assert.Equal(["status"], (await (await world.Admin.SetStatusAsync(ticket.Id(), "cerrado")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["note"], (await (await world.Admin.SetStatusAsync(ticket.Id(), "resolved")).ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task EmptyOrOversizedCommentIsNamedAndNotStored()
    {
        var ticket = await world.User.CreateTicketAsync();

        Assert.Equal(["body"], (await (await world.User.CommentAsync(ticket.Id(), " ")).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["body"], (await (await world.User.CommentAsync(ticket.Id(), new string('c', 5_001))).ProblemAsync(400)).FieldErrors());
        Assert.Equal(0, (await world.User.GetTicketAsync(ticket.Id())).GetProperty("commentCount").GetInt32());
    }

    [Fact]
    public async Task SameIdempotencyKeyAndBodyReturnsTheFirstResponseAndCreatesNothing()
    {
        var (client, _, _) = await world.Host.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request(string title) => new(HttpMethod.Post, "api/tickets")
        {
            Content = JsonContent.Create(new { title, description = "Reintento de red." }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await client.SendAsync(Request("Ticket idempotente"));
        var retry = await client.SendAsync(Request("Ticket idempotente"));

        Assert.Equal(201, (int)retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).Id(), (await retry.JsonAsync()).Id());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(1, await CountAsync(client));

        var other = await client.SendAsync(Request("Otro cuerpo"));
        await other.ProblemAsync(422);
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task IdempotencyKeysBelongToTheirCaller()
    {
        var (client, _, _) = await world.Host.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request() => new(HttpMethod.Post, "api/tickets")
        {
            Content = JsonContent.Create(new { title = "Mismo título", description = "Mismo texto." }),
            Headers = { { "Idempotency-Key", key } },
        };

        var mine = await (await client.SendAsync(Request())).JsonAsync();
        var theirs = await (await world.OtherUser.SendAsync(Request())).JsonAsync();

        Assert.NotEqual(mine.Id(), theirs.Id());
    }

    [Fact]
    public async Task IdempotentCommentIsWrittenOnce()
    {
        var ticket = await world.User.CreateTicketAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request() => new(HttpMethod.Post, $"api/tickets/{ticket.Id()}/comments")
        {
            Content = JsonContent.Create(new { body = "Solo una vez." }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await (await world.User.SendAsync(Request())).JsonAsync();
        var retry = await (await world.User.SendAsync(Request())).JsonAsync();

        Assert.Equal(first.Id(), retry.Id());
        Assert.Equal(1, (await world.User.GetTicketAsync(ticket.Id())).GetProperty("commentCount").GetInt32());
    }
}
