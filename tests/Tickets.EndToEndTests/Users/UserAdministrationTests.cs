using System.Net;
using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Users;

public sealed class UserAdministrationTests(LocalHost host) : IClassFixture<LocalHost>
{
    private static object StaffAccount(string role) => new
    {
        dni = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        phone = "+34 611 222 333",
        firstNames = "Sofía",
        lastNames = "Núñez",
        department = "Soporte",
        email = $"staff-{Guid.NewGuid():N}@example.org",
        password = "Password123!",
        role,
    };

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "api/users" },
        { "POST", "api/users" },
        { "GET", "api/users/{id}" },
        { "PATCH", "api/users/{id}" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task UserAndTechnicianCannotCallAdminRoutes(string method, string route)
    {
        var (_, someoneId, _) = await host.NewUserAsync();
        foreach (var client in new[] { await host.UserAsync(), await host.TechnicianAsync() })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", someoneId, StringComparison.Ordinal));
            if (method is "POST" or "PATCH") request.Content = JsonContent.Create(method == "POST" ? StaffAccount("admin") : new { role = "admin" });

            await (await client.SendAsync(request)).ProblemAsync(403);
        }
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AnonymousCannotCallAdminRoutes(string method, string route)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", "anything", StringComparison.Ordinal));
        if (method is "POST" or "PATCH") request.Content = JsonContent.Create(new { });

        await (await host.Client().SendAsync(request)).ProblemAsync(401);
    }

    [Fact]
    public async Task UserCannotReadAnotherUser()
    {
        var (_, otherId, _) = await host.NewUserAsync();
        var (me, _, _) = await host.NewUserAsync();

        await (await me.GetAsync($"api/users/{otherId}")).ProblemAsync(403);
    }

    [Fact]
    public async Task AdminCreatesATechnicianWhoCanSignIn()
    {
        var admin = await host.AdminAsync();
        var account = StaffAccount("technician");

        var created = await admin.PostAsJsonAsync("api/users", account);
        var body = await created.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/users/{body.GetProperty("id").GetString()}", created.Headers.Location?.ToString());
        Assert.Equal("technician", body.GetProperty("role").GetString());
        var email = body.GetProperty("email").GetString()!;
        var technician = await host.SignInAsync(email, "Password123!");
        Assert.Equal("technician", (await (await technician.GetAsync("api/me")).JsonAsync()).GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task AdminGetsAndPatchesAUser()
    {
        var admin = await host.AdminAsync();
        var (_, id, _) = await host.NewUserAsync();

        var patched = await admin.PatchAsJsonAsync($"api/users/{id}", new { role = "technician", department = "Redes", phone = "+34 699 000 111" });
        var fetched = await (await admin.GetAsync($"api/users/{id}")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("technician", fetched.GetProperty("role").GetString());
        Assert.Equal("Redes", fetched.GetProperty("department").GetString());
    }

    [Fact]
    public async Task UnknownUserIs404()
    {
        await (await (await host.AdminAsync()).GetAsync("api/users/does-not-exist")).ProblemAsync(404);
    }

    [Fact]
    public async Task PatchWithBadFieldsNamesThemAndChangesNothing()
    {
        var admin = await host.AdminAsync();
        var (_, id, _) = await host.NewUserAsync();

        var response = await admin.PatchAsJsonAsync($"api/users/{id}", new { role = "superuser", phone = "x", department = "" });

        await response.ProblemAsync(400);
        var after = await (await admin.GetAsync($"api/users/{id}")).JsonAsync();
        Assert.Equal("user", after.GetProperty("role").GetString());
        Assert.Equal("Ventas", after.GetProperty("department").GetString());
    }

    [Fact]
    public async Task EveryBadFieldOfAPatchIsNamed()
    {
        var admin = await host.AdminAsync();
        var (_, id, _) = await host.NewUserAsync();

        var problem = await (await admin.PatchAsJsonAsync($"api/users/{id}", new { phone = "x", department = "", firstNames = "", lastNames = new string('b', 101) })).ProblemAsync(400);

        Assert.Equal(new[] { "department", "firstNames", "lastNames", "phone" }, problem.FieldErrors().Order());
    }

    [Fact]
    public async Task DeactivatedUserCannotLogInRefreshOrUseTheirToken()
    {
        var admin = await host.AdminAsync();
        var (client, id, email) = await host.NewUserAsync();
        var session = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();

        var deactivated = await admin.PatchAsJsonAsync($"api/users/{id}", new { active = false });

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).ProblemAsync(401);
        await (await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() })).ProblemAsync(401);
        await (await client.GetAsync("api/me")).ProblemAsync(401);
    }

    [Fact]
    public async Task ReactivatedUserCanLogInAgain()
    {
        var admin = await host.AdminAsync();
        var (_, id, email) = await host.NewUserAsync();
        await admin.PatchAsJsonAsync($"api/users/{id}", new { active = false });

        await admin.PatchAsJsonAsync($"api/users/{id}", new { active = true });

        Assert.Equal(HttpStatusCode.OK, (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).StatusCode);
    }

    [Fact]
    public async Task RoleChangeEndsEarlierTokensAndTheNewRoleAppliesOnceSignedInAgain()
    {
        var admin = await host.AdminAsync();
        var (client, id, email) = await host.NewUserAsync();
        await (await client.GetAsync("api/users")).ProblemAsync(403);

        await admin.PatchAsJsonAsync($"api/users/{id}", new { role = "admin" });

        await (await client.GetAsync("api/users")).ProblemAsync(401);
        var again = await host.SignInAsync(email, "Password123!");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/users")).StatusCode);
    }

    [Fact]
    public async Task ListFiltersByRoleAndSearchesWithoutAccents()
    {
        var admin = await host.AdminAsync();
        await admin.PostAsJsonAsync("api/users", StaffAccount("technician"));

        var technicians = await (await admin.GetAsync("api/users?role=technician&active=true&includeTotal=true")).JsonAsync();
        var search = await (await admin.GetAsync("api/users?q=NUNEZ&limit=100")).JsonAsync();

        Assert.All(technicians.GetProperty("items").EnumerateArray(), u => Assert.Equal("technician", u.GetProperty("role").GetString()));
        Assert.True(technicians.GetProperty("total").GetInt64() >= 2);
        Assert.Contains(search.GetProperty("items").EnumerateArray(), u => u.GetProperty("lastNames").GetString() == "Núñez");
    }

    [Fact]
    public async Task ListPagesWithOpaqueCursors()
    {
        var admin = await host.AdminAsync();
        for (var i = 0; i < 3; i++) await host.NewUserAsync();

        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("api/users?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).JsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var all = await (await admin.GetAsync("api/users?limit=100&includeTotal=true")).JsonAsync();
        Assert.Equal(all.GetProperty("total").GetInt64(), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("role=boss", "role")]
    [InlineData("active=maybe", "active")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task BadListParametersAreNamed(string query, string field)
    {
        var problem = await (await (await host.AdminAsync()).GetAsync($"api/users?{query}")).ProblemAsync(400);

        Assert.Equal([field], problem.FieldErrors());
    }

    [Fact]
    public async Task LastActiveAdminCannotBeDemotedOrDeactivated()
    {
        var admin = await host.AdminAsync();
        var me = await (await admin.GetAsync("api/me")).JsonAsync();
        var id = me.GetProperty("user").GetProperty("id").GetString();
        var admins = await (await admin.GetAsync("api/users?role=admin&active=true&limit=100")).JsonAsync();
        foreach (var other in admins.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Where(a => a != id))
            await admin.PatchAsJsonAsync($"api/users/{other}", new { role = "technician" });

        await (await admin.PatchAsJsonAsync($"api/users/{id}", new { role = "user" })).ProblemAsync(409);
        await (await admin.PatchAsJsonAsync($"api/users/{id}", new { active = false })).ProblemAsync(409);
    }

    [Fact]
    public async Task DuplicateDniForStaffIsAConflict()
    {
        var admin = await host.AdminAsync();
        var first = await (await admin.PostAsJsonAsync("api/users", StaffAccount("technician"))).JsonAsync();

        var response = await admin.PostAsJsonAsync("api/users", new
        {
            dni = first.GetProperty("dni").GetString(), phone = "600000000", firstNames = "X", lastNames = "Y", department = "Z",
            email = $"other-{Guid.NewGuid():N}@example.org", password = "Password123!", role = "technician",
        });

        Assert.Equal(["dni"], (await response.ProblemAsync(409)).FieldErrors());
    }
}
