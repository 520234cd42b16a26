using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Administration;

/// <summary>
/// The admin audit log through the local host (on the run's store): an admin's changes of people are recorded with who,
/// what, before and after; admins read them filtered and paged; nobody else reads them or makes such changes.
/// </summary>
public sealed class AuditLogTests(LocalHost host) : IClassFixture<LocalHost>
{
    private static object Account(string role) => new
    {
        dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        phone = "+34 611 222 333",
        firstNames = "Lucía",
        lastNames = "Auditada",
        department = "Soporte",
        email = $"audited-{Guid.NewGuid():N}@example.org",
        password = "Password123!",
        role,
    };

    private async Task<string> CreateAsync(HttpClient admin, string role = "user")
    {
        var created = await admin.PostAsJsonAsync("api/users", Account(role));
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    private static async Task PatchAsync(HttpClient admin, string id, object change) =>
        Assert.Equal(200, (int)(await admin.PatchAsJsonAsync($"api/users/{id}", change)).StatusCode);

    private static async Task<JsonElement> AuditAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync("api/audit?" + query);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task AnAdminsRoleChangeAndDeactivationAreInTheLogWithActorBeforeAndAfter()
    {
        var admin = await host.AdminAsync();
        var adminId = await admin.MyIdAsync();
        var id = await CreateAsync(admin);

        await PatchAsync(admin, id, new { role = "technician" });
        await PatchAsync(admin, id, new { active = false });

        var items = Items(await AuditAsync(admin, $"targetId={id}"));
        Assert.Equal(["user.deactivated", "user.role_changed", "user.created"], items.Select(e => e.Str("action")));
        var role = items[1];
        Assert.Equal(adminId, role.GetProperty("actor").Str("id"));
        Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("actor").Str("name")));
        Assert.Equal("user", role.GetProperty("target").Str("type"));
        Assert.Equal("Lucía Auditada", role.GetProperty("target").Str("name"));
        Assert.Equal("user", role.GetProperty("before").Str("role"));
        Assert.Equal("technician", role.GetProperty("after").Str("role"));
        Assert.True(items[0].GetProperty("before").GetProperty("active").GetBoolean());
        Assert.False(items[0].GetProperty("after").GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("before").ValueKind);
        Assert.Equal("user", items[2].GetProperty("after").Str("role"));
        Assert.DoesNotContain("password", items[2].GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OnePatchOfRoleActiveAndProfileWritesOneEntryPerKindOfChange()
    {
        var admin = await host.AdminAsync();
        var id = await CreateAsync(admin, "technician");

        await PatchAsync(admin, id, new { role = "user", active = false, department = "Compras", phone = "+34 622 000 111" });

        var items = Items(await AuditAsync(admin, $"targetId={id}&action=user.role_changed,user.deactivated,user.profile_changed"));
        Assert.Equal(["user.deactivated", "user.profile_changed", "user.role_changed"], items.Select(e => e.Str("action")).Order(StringComparer.Ordinal));
        var profile = items.Single(e => e.Str("action") == "user.profile_changed");
        Assert.Equal("Soporte", profile.GetProperty("before").Str("department"));
        Assert.Equal("Compras", profile.GetProperty("after").Str("department"));
        Assert.Equal("+34 622 000 111", profile.GetProperty("after").Str("phone"));
        Assert.False(profile.GetProperty("after").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task FiltersNarrowTheLog()
    {
        var admin = await host.AdminAsync();
        var adminId = await admin.MyIdAsync();
        var id = await CreateAsync(admin);
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await PatchAsync(admin, id, new { role = "technician" });
        await PatchAsync(admin, id, new { department = "Legal" });

        Assert.Equal(["user.role_changed"], Items(await AuditAsync(admin, $"targetId={id}&action=user.role_changed")).Select(e => e.Str("action")));
        Assert.Equal(3, Items(await AuditAsync(admin, $"targetId={id}&actor={adminId}&targetType=user")).Count);
        Assert.Empty(Items(await AuditAsync(admin, $"targetId={id}&actor=someone-else")));
        Assert.Empty(Items(await AuditAsync(admin, $"targetId={id}&targetType=team,category")));
        Assert.Equal(3, Items(await AuditAsync(admin, $"targetId={id}&from={Uri.EscapeDataString(before.ToString("O"))}")).Count);
        Assert.Empty(Items(await AuditAsync(admin, $"targetId={id}&to={Uri.EscapeDataString(before.ToString("O"))}")));
    }

    [Fact]
    public async Task PagesWalkTheLogNewestFirstAndACursorOnlyServesItsOwnFilters()
    {
        var admin = await host.AdminAsync();
        var id = await CreateAsync(admin);
        foreach (var department in new[] { "Uno", "Dos", "Tres", "Cuatro" }) await PatchAsync(admin, id, new { department });

        var first = await AuditAsync(admin, $"targetId={id}&limit=2");
        var cursor = first.Str("nextCursor");
        var second = await AuditAsync(admin, $"targetId={id}&limit=2&cursor={Uri.EscapeDataString(cursor)}");
        var third = await AuditAsync(admin, $"targetId={id}&limit=2&cursor={Uri.EscapeDataString(second.Str("nextCursor"))}");

        var walked = Items(first).Concat(Items(second)).Concat(Items(third)).ToList();
        Assert.Equal(["Cuatro", "Tres", "Dos", "Uno"], walked.Take(4).Select(e => e.GetProperty("after").Str("department")));
        Assert.Equal("user.created", walked[4].Str("action"));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        var elsewhere = await admin.GetAsync($"api/audit?targetId={id}&action=user.created&limit=2&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal(["cursor"], (await elsewhere.ProblemAsync(400)).FieldErrors());
    }

    [Theory]
    [InlineData("action=user.exploded;drop", "action")]
    [InlineData("targetType=widget", "targetType")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("actor=a%20b", "actor")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task BadFiltersAreRefusedNamingTheParameter(string query, string field)
    {
        var admin = await host.AdminAsync();

        var problem = await (await admin.GetAsync("api/audit?" + query)).ProblemAsync(400);

        Assert.Equal([field], problem.FieldErrors());
    }

    public static TheoryData<string, string> RefusedToStaffAndUsers => new()
    {
        { "GET", "api/audit" },
        { "POST", "api/users" },
        { "PATCH", "api/users/{id}" },
    };

    [Theory]
    [MemberData(nameof(RefusedToStaffAndUsers))]
    public async Task TechniciansAndUsersCannotReadTheLogNorManagePeople(string method, string route)
    {
        var admin = await host.AdminAsync();
        var id = await CreateAsync(admin);
        foreach (var client in new[] { await host.UserAsync(), await host.TechnicianAsync() })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", id, StringComparison.Ordinal));
            if (method == "POST") request.Content = JsonContent.Create(Account("admin"));
            if (method == "PATCH") request.Content = JsonContent.Create(new { role = "admin", active = false });

            await (await client.SendAsync(request)).ProblemAsync(403);
        }

        Assert.Equal(["user.created"], Items(await AuditAsync(admin, $"targetId={id}")).Select(e => e.Str("action")));
    }

    [Fact]
    public async Task SelfServiceProfileEditsAreNotManagementChanges()
    {
        var (me, id, _) = await host.NewUserAsync();

        Assert.Equal(200, (int)(await me.PatchAsJsonAsync("api/me", new { department = "Marketing" })).StatusCode);

        Assert.Empty(Items(await AuditAsync(await host.AdminAsync(), $"targetId={id}")));
    }
}
