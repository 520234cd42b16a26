using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Identity;

/// <summary>An account an admin invited stays "invitation pending" until its owner chooses a password; meanwhile it can be sent a fresh link.</summary>
public sealed class InvitationTests(PasswordLinkWorld world) : IClassFixture<PasswordLinkWorld>
{
    private const string NewPassword = "A-brand-new-password-7";

    private async Task<(string Id, string Email)> InviteAsync()
    {
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var created = await world.Admin.PostAsJsonAsync("api/users", new
        {
            dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            phone = "+34 600 000 000", firstNames = "Irene", lastNames = "Invitada", department = "Soporte", email, role = "technician",
        });
        var user = await created.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(user.GetProperty("invitationPending").GetBoolean());
        return (user.Str("id"), email);
    }

    private async Task<JsonElement> UserAsync(string id) => await (await world.Admin.GetAsync($"api/users/{id}")).JsonAsync();

    private Task<HttpResponseMessage> ResendAsync(string id) => world.Admin.PostAsync($"api/users/{id}/invitation", content: null);

    [Fact]
    public async Task AResentInvitationMailsANewLinkEndsTheOldOneAndChoosingAPasswordClearsThePendingState()
    {
        var (id, email) = await InviteAsync();
        var (_, first) = await world.LinkMailAsync(email);

        var resent = await (await ResendAsync(id)).JsonAsync();
        var (mail, second) = await world.LinkMailAsync(email, seen: 1);

        Assert.True(resent.GetProperty("invitationPending").GetBoolean());
        Assert.Equal("Tu cuenta de Tickets: elige tu contraseña", mail.Subject);
        Assert.NotEqual(first, second);
        Assert.Equal("invalid_password_link", (await (await world.ResetAsync(first, NewPassword)).ProblemAsync(400)).Str("code"));
        Assert.True((await UserAsync(id)).GetProperty("invitationPending").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(second, NewPassword)).StatusCode);

        Assert.False((await UserAsync(id)).GetProperty("invitationPending").GetBoolean());
        Assert.Equal(email, (await world.SignInAsync(email, NewPassword)).GetProperty("user").Str("email"));
    }

    [Fact]
    public async Task AnAccountWithAPasswordHasNoInvitationToResend()
    {
        var (_, id, _) = await world.Host.NewUserAsync();

        var problem = await (await ResendAsync(id)).ProblemAsync(409);

        Assert.Equal("invitation_not_pending", problem.Str("code"));
        Assert.False((await UserAsync(id)).GetProperty("invitationPending").GetBoolean());
    }

    [Fact]
    public async Task AnAcceptedInvitationCannotBeResent()
    {
        var (id, email) = await InviteAsync();
        var (_, token) = await world.LinkMailAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(token, NewPassword)).StatusCode);

        Assert.Equal("invitation_not_pending", (await (await ResendAsync(id)).ProblemAsync(409)).Str("code"));
    }

    [Fact]
    public async Task AResendIsAuditedWithWhereTheLinkWent()
    {
        var (id, email) = await InviteAsync();

        Assert.Equal(HttpStatusCode.OK, (await ResendAsync(id)).StatusCode);

        var log = await Eventually.Until(
            async () => await (await world.Admin.GetAsync($"api/audit?action=user.invitation_resent&targetId={id}")).JsonAsync(),
            page => page.GetProperty("items").GetArrayLength() > 0, "the resend in the audit log");
        var entry = log.GetProperty("items")[0];
        Assert.Equal("user", entry.GetProperty("target").Str("type"));
        Assert.Equal(email, entry.GetProperty("after").Str("email"));
    }

    [Fact]
    public async Task OnlyAdminsResendInvitations()
    {
        var (id, _) = await InviteAsync();
        var technician = await world.Host.TechnicianAsync();

        await (await technician.PostAsync($"api/users/{id}/invitation", content: null)).ProblemAsync(403);
    }
}
