using System.Net;
using Tickets.EndToEndTests.Tickets;
using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Identity;

/// <summary>"Forgot my password" and invitations, through the e-mail the host really sends (caught by its SMTP sink).</summary>
public sealed class PasswordResetTests(PasswordLinkWorld world) : IClassFixture<PasswordLinkWorld>
{
    private const string NewPassword = "A-brand-new-password-7";

    [Fact]
    public async Task ForgottenPasswordIsResetThroughTheEmailedLinkAndEveryEarlierSessionEnds()
    {
        var (client, _, email) = await world.Host.NewUserAsync();
        var session = await world.SignInAsync(email, "Password123!");

        Assert.Equal(HttpStatusCode.Accepted, (await world.ForgotAsync(email)).StatusCode);
        var (mail, token) = await world.LinkMailAsync(email);
        var reset = await world.ResetAsync(token, NewPassword);

        Assert.Equal("Restablece tu contraseña de Tickets", mail.Subject);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await (await client.GetAsync("api/me")).ProblemAsync(401);
        await (await world.Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.Str("refreshToken") })).ProblemAsync(401);
        await (await world.Host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Password123!" })).ProblemAsync(401);
        Assert.Equal(email, (await world.SignInAsync(email, NewPassword)).GetProperty("user").Str("email"));
    }

    [Fact]
    public async Task UnknownAddressGetsExactlyTheAnswerOfAKnownOneAndNoMail()
    {
        var (_, _, known) = await world.Host.NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";

        var forUnknown = await world.ForgotAsync(unknown);
        var forKnown = await world.ForgotAsync(known);
        await world.LinkMailAsync(known);

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(forKnown.Content.Headers.ContentType, forUnknown.Content.Headers.ContentType);
        Assert.DoesNotContain(await world.Host.Mail.MailsAsync(), m => m.To.Contains(unknown, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LinkWorksOnlyOnce()
    {
        var (_, _, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        var (_, token) = await world.LinkMailAsync(email);

        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(token, NewPassword)).StatusCode);
        var again = await (await world.ResetAsync(token, "Yet-another-password-8")).ProblemAsync(400);

        Assert.Equal("invalid_password_link", again.Str("code"));
        Assert.Equal(email, (await world.SignInAsync(email, NewPassword)).GetProperty("user").Str("email"));
    }

    [Fact]
    public async Task UsingOneLinkEndsEveryOtherLinkOfTheAccount()
    {
        var (_, _, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        var (_, first) = await world.LinkMailAsync(email);
        await world.ForgotAsync(email);
        var (_, second) = await world.LinkMailAsync(email, seen: 1);

        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(second, NewPassword)).StatusCode);

        Assert.Equal("invalid_password_link", (await (await world.ResetAsync(first, "Yet-another-password-8")).ProblemAsync(400)).Str("code"));
    }

    [Fact]
    public async Task ANewerLinkEndsTheOlderOne()
    {
        var (_, _, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        var (_, older) = await world.LinkMailAsync(email);
        await world.ForgotAsync(email);
        await world.LinkMailAsync(email, seen: 1);

        var refused = await (await world.ResetAsync(older, NewPassword)).ProblemAsync(400);

        Assert.Equal("invalid_password_link", refused.Str("code"));
        await (await world.Host.Client().PostAsJsonAsync("api/auth/login", new { email, password = NewPassword })).ProblemAsync(401);
    }

    [Fact]
    public async Task InvalidNewPasswordIsRefusedAndTheLinkStillWorks()
    {
        var (_, _, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        var (_, token) = await world.LinkMailAsync(email);

        var problem = await (await world.ResetAsync(token, "short")).ProblemAsync(400);

        Assert.Equal(["newPassword"], problem.FieldErrors());
        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(token, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task MalformedAddressIsNamed()
    {
        var problem = await (await world.ForgotAsync("not-an-address")).ProblemAsync(400);

        Assert.Equal(["email"], problem.FieldErrors());
    }

    [Fact]
    public async Task AskingTooOftenForOneAddressAnswers429ForKnownAndUnknownAddressesAlike()
    {
        var (_, _, known) = await world.Host.NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";

        foreach (var email in new[] { known, unknown })
        {
            for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Accepted, (await world.ForgotAsync(email)).StatusCode);
            var throttled = await world.ForgotAsync(email);

            await throttled.ProblemAsync(429);
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        }
    }

    [Fact]
    public async Task ResetMailIsWrittenInTheAccountsLanguage()
    {
        var (client, _, email) = await world.Host.NewUserAsync();
        await client.PatchAsJsonAsync("api/me", new { language = "en" });

        await world.ForgotAsync(email);
        var (mail, _) = await world.LinkMailAsync(email);

        Assert.Equal("Reset your Tickets password", mail.Subject);
    }

    [Fact]
    public async Task InvitedStaffChooseTheirPasswordThroughTheEmailedLinkAndSignIn()
    {
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var created = await world.Admin.PostAsJsonAsync("api/users", new
        {
            dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phone = "+34 600 000 000", firstNames = "Irene", lastNames = "Invitada", department = "Soporte", email, role = "technician",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var (mail, token) = await world.LinkMailAsync(email);
        Assert.Equal("Tu cuenta de Tickets: elige tu contraseña", mail.Subject);
        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(token, NewPassword)).StatusCode);

        var signedIn = await world.SignInAsync(email, NewPassword);
        Assert.Equal("technician", signedIn.GetProperty("user").Str("role"));
    }

    [Fact]
    public async Task DeactivatedAccountGetsNoLinkAndItsEarlierLinkStopsWorking()
    {
        var (_, id, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        var (_, token) = await world.LinkMailAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await world.Admin.PatchAsJsonAsync($"api/users/{id}", new { active = false })).StatusCode);

        Assert.Equal("invalid_password_link", (await (await world.ResetAsync(token, NewPassword)).ProblemAsync(400)).Str("code"));
    }
}

/// <summary>A link used after its lifetime (<c>Tickets:PasswordReset:Lifetime</c>, three seconds here) is refused.</summary>
public sealed class ExpiredPasswordLinkTests(ShortLivedLinkWorld world) : IClassFixture<ShortLivedLinkWorld>
{
    [Fact]
    public async Task ExpiredLinkIsRefusedAndThePasswordStays()
    {
        var (_, _, email) = await world.Host.NewUserAsync();
        await world.ForgotAsync(email);
        // The link is issued after the answer, by the queue consumer, and before its mail is sent: its lifetime ends at
        // most this long after the mail has arrived.
        var (_, token) = await world.LinkMailAsync(email);
        var mailed = TimeProvider.System.GetTimestamp();

        // Nothing to await but time itself: the link must outlive its lifetime.
        var left = ShortLivedLinkWorld.Lifetime - TimeProvider.System.GetElapsedTime(mailed);
        if (left > TimeSpan.Zero) await Task.Delay(left + TimeSpan.FromMilliseconds(100));
        var problem = await (await world.ResetAsync(token, "A-brand-new-password-7")).ProblemAsync(400);

        Assert.Equal("invalid_password_link", problem.Str("code"));
        Assert.Equal(email, (await world.SignInAsync(email, "Password123!")).GetProperty("user").Str("email"));
    }
}
