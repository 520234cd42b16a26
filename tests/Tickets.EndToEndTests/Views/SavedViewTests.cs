using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Views;

/// <summary>Saved views through the real host: who sees and changes which, what a query may say, and a tab's count.</summary>
public sealed class SavedViewTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task APersonalViewIsSavedWithTheListsQueryWithoutItsCursor()
    {
        var saved = await SaveAsync(world.Technician, "VPN en espera", "?status=on_hold&cursor=abc&q=vpn&sort=-createdAt");

        Assert.Equal("VPN en espera", saved.Str("name"));
        Assert.Equal("status=on_hold&q=vpn&sort=-createdAt", saved.Str("query"));
        Assert.False(saved.GetProperty("shared").GetBoolean());
        Assert.Equal(world.TechnicianId, saved.Str("ownerId"));
    }

    [Fact]
    public async Task APersonalViewIsItsOwnersAloneAndUnseenByAnotherTechnician()
    {
        var saved = await SaveAsync(world.Technician, "Solo mía", "assigneeId=me");
        var id = saved.Str("id");

        Assert.Contains(id, await VisibleAsync(world.Technician));
        Assert.DoesNotContain(id, await VisibleAsync(world.OtherTechnician));
        Assert.DoesNotContain(id, await VisibleAsync(world.Admin));
        await (await world.OtherTechnician.PatchAsJsonAsync($"api/views/{id}", new { name = "Robada" })).ProblemAsync(404);
        await (await world.OtherTechnician.DeleteAsync($"api/views/{id}")).ProblemAsync(404);
        await (await world.Admin.DeleteAsync($"api/views/{id}")).ProblemAsync(404);
    }

    [Fact]
    public async Task TheOwnerRenamesAndDeletesTheirView()
    {
        var id = (await SaveAsync(world.Technician, "Borrador", "status=open")).Str("id");

        var renamed = await world.Technician.PatchAsJsonAsync($"api/views/{id}", new { name = "Abiertas", query = "status=open,in_progress&sort=priority" });

        Assert.Equal(200, (int)renamed.StatusCode);
        var body = await renamed.JsonAsync();
        Assert.Equal(("Abiertas", "status=open,in_progress&sort=priority"), (body.Str("name"), body.Str("query")));
        Assert.Equal(204, (int)(await world.Technician.DeleteAsync($"api/views/{id}")).StatusCode);
        Assert.DoesNotContain(id, await VisibleAsync(world.Technician));
    }

    [Fact]
    public async Task ASharedViewEveryStaffMemberSeesAndOnlyAdminsChange()
    {
        var id = (await SaveAsync(world.Admin, "Urgentes de todos", "priority=critical,high", shared: true)).Str("id");

        Assert.Contains(id, await VisibleAsync(world.Technician));
        Assert.Contains(id, await VisibleAsync(world.OtherTechnician));
        await (await world.Technician.PatchAsJsonAsync($"api/views/{id}", new { name = "Mías" })).ProblemAsync(403);
        await (await world.Technician.DeleteAsync($"api/views/{id}")).ProblemAsync(403);
        Assert.Equal(200, (int)(await world.Admin.PatchAsJsonAsync($"api/views/{id}", new { name = "Urgentes" })).StatusCode);
    }

    [Fact]
    public async Task ATechnicianCannotSaveASharedView()
    {
        var response = await world.Technician.PostAsJsonAsync("api/views", new { name = "Para todos", query = "status=open", shared = true });

        await response.ProblemAsync(403);
    }

    [Fact]
    public async Task ARequesterHasNoViews() =>
        await (await world.User.GetAsync("api/views")).ProblemAsync(403);

    [Theory]
    [InlineData("status=lost")]
    [InlineData("sort=title")]
    [InlineData("colour=red")]
    [InlineData("limit=0")]
    [InlineData("createdFrom=yesterday")]
    public async Task AQueryTheListWouldRefuseIsA400NamingQuery(string query)
    {
        var response = await world.Technician.PostAsJsonAsync("api/views", new { name = "Mal", query });

        var problem = await response.ProblemAsync(400);
        Assert.Equal(["query"], problem.FieldErrors());
    }

    [Fact]
    public async Task AChangeToAnInvalidQueryIsA400NamingQueryAndKeepsTheView()
    {
        var id = (await SaveAsync(world.Technician, "Estable", "status=open")).Str("id");

        var problem = await (await world.Technician.PatchAsJsonAsync($"api/views/{id}", new { query = "priority=urgentisimo" })).ProblemAsync(400);

        Assert.Equal(["query"], problem.FieldErrors());
        var kept = (await ViewsAsync(world.Technician)).Single(v => v.Str("id") == id);
        Assert.Equal("status=open", kept.Str("query"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Un nombre de vista que pasa con creces de los sesenta caracteres permitidos")]
    public async Task ANameOfOneToSixtyCharactersIsRequired(string name)
    {
        var problem = await (await world.Technician.PostAsJsonAsync("api/views", new { name, query = "status=open" })).ProblemAsync(400);

        Assert.Equal(["name"], problem.FieldErrors());
    }

    [Fact]
    public async Task APersonKeepsAtMostFiftyPersonalViews()
    {
        var person = await world.Host.NewPersonAsync(world.Admin, "technician");
        for (var i = 0; i < 50; i++) await SaveAsync(person.Client, $"Vista {i}", "status=open");

        var refused = await person.Client.PostAsJsonAsync("api/views", new { name = "La 51", query = "status=open" });

        await refused.ProblemAsync(409);
        Assert.Equal(50, (await ViewsAsync(person.Client)).Count(v => !v.GetProperty("shared").GetBoolean()));
    }

    [Fact]
    public async Task AViewsCountIsTheListsTotalForItsQuery()
    {
        var token = $"vista{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 3; i++) await world.User.CreateTicketAsync($"Sin conexión {token} {i}");
        await world.OtherUser.CreateTicketAsync($"Otra cosa {token}");
        var query = (await SaveAsync(world.Technician, "Token", $"q={token}&sort=-createdAt")).Str("query");

        var counted = await (await world.Technician.GetAsync($"api/tickets?{query}&limit=1&includeTotal=true")).JsonAsync();
        var listed = await (await world.Technician.GetAsync($"api/tickets?{query}&limit=100")).JsonAsync();

        Assert.Equal(4, counted.GetProperty("total").GetInt64());
        Assert.Equal(listed.GetProperty("items").GetArrayLength(), counted.GetProperty("total").GetInt64());
    }

    private static async Task<JsonElement> SaveAsync(HttpClient client, string name, string query, bool shared = false)
    {
        var response = await client.PostAsJsonAsync("api/views", new { name, query, shared });
        Assert.Equal(201, (int)response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        return await response.JsonAsync();
    }

    private static async Task<List<JsonElement>> ViewsAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("api/views")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<List<string>> VisibleAsync(HttpClient client) => [.. (await ViewsAsync(client)).Select(v => v.Str("id"))];
}
