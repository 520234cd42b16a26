using System.Net;
using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Identity;

public sealed class MeTests(LocalHost host) : IClassFixture<LocalHost>
{
    [Fact]
    public async Task EveryRoleCanReadItsOwnAccount()
    {
        foreach (var (client, role) in new[] { (await host.UserAsync(), "user"), (await host.TechnicianAsync(), "technician"), (await host.AdminAsync(), "admin") })
        {
            var me = await (await client.GetAsync("api/me")).JsonAsync();
            Assert.Equal(role, me.GetProperty("user").GetProperty("role").GetString());
        }
    }

    [Fact]
    public async Task ProfileUpdateChangesOnlyProfileFields()
    {
        var (client, _, email) = await host.NewUserAsync();

        var response = await client.PatchAsJsonAsync("api/me", new { department = "  Recursos   Humanos ", phone = "+34 622 333 444", role = "admin", email = "x@example.org" });
        var user = (await response.JsonAsync()).GetProperty("user");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Recursos Humanos", user.GetProperty("department").GetString());
        Assert.Equal("+34 622 333 444", user.GetProperty("phone").GetString());
        Assert.Equal("user", user.GetProperty("role").GetString());
        Assert.Equal(email, user.GetProperty("email").GetString());
    }

    [Fact]
    public async Task InvalidProfileUpdateIsRefusedAndChangesNothing()
    {
        var (client, _, _) = await host.NewUserAsync();

        var problem = await (await client.PatchAsJsonAsync("api/me", new { phone = "12", firstNames = "" })).ProblemAsync(400);
        var user = (await (await client.GetAsync("api/me")).JsonAsync()).GetProperty("user");

        Assert.Equal(new[] { "firstNames", "phone" }, problem.FieldErrors().Order());
        Assert.Equal("+34 600 123 456", user.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task PasswordChangeRevokesRefreshTokensAndTheNewPasswordWorks()
    {
        var (client, _, email) = await host.NewUserAsync();
        var session = await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).JsonAsync();

        var changed = await client.PostAsJsonAsync("api/me/password", new { currentPassword = "Password123!", newPassword = "Another-Password-9" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await (await host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() })).ProblemAsync(401);
        await (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Another-Password-9" })).StatusCode);
    }

    [Fact]
    public async Task PasswordChangeWithWrongCurrentPasswordNamesIt()
    {
        var (client, _, _) = await host.NewUserAsync();

        var problem = await (await client.PostAsJsonAsync("api/me/password", new { currentPassword = "Nope-nope-nope", newPassword = "Another-Password-9" })).ProblemAsync(400);

        Assert.Equal(["currentPassword"], problem.FieldErrors());
    }
}
