using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Identity;

/// <summary>
/// Registration with e-mail verification, through the host's real mail: the answer tells nobody who is registered, the
/// address's owner learns it by e-mail, and the mailed link makes the account.
/// </summary>
public sealed class VerifiedRegistrationTests(VerifiedRegistrationWorld world) : IClassFixture<VerifiedRegistrationWorld>
{
    private static string NewDni() => Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    private static object Registration(string email, string dni) => new
    {
        dni, phone = "+34 611 222 333", firstNames = "Marta", lastNames = "Ruiz", department = "Compras", email, password = "Marta-password-1",
    };

    private Task<HttpResponseMessage> RegisterAsync(string email, string dni) =>
        world.Host.Client().PostAsJsonAsync("api/auth/register", Registration(email, dni));

    private Task<HttpResponseMessage> ConfirmAsync(string token) =>
        world.Host.Client().PostAsJsonAsync("api/auth/register/confirm", new { token });

    /// <summary>An account made by an admin, with its DNI.</summary>
    private async Task<(string Email, string Dni)> ExistingAccountAsync()
    {
        var (email, dni) = (NewEmail("owner"), NewDni());
        var created = await world.Admin.PostAsJsonAsync("api/users", new
        {
            dni, phone = "+34 600 000 000", firstNames = "Olga", lastNames = "Dueña", department = "Ventas", email, password = "Password123!", role = "user",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (email, dni);
    }

    private async Task<ReceivedMail> MailToAsync(string email) =>
        (await Eventually.Until(
            async () => (await world.Host.Mail.MailsAsync()).Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList(),
            mails => mails.Count > 0, $"e-mailed {email}")).Single();

    private static string ConfirmTokenIn(ReceivedMail mail)
    {
        var link = Regex.Match(mail.Text, Regex.Escape(PasswordLinkWorld.PublicUrl + "/register/confirm?token=") + @"(\S+)");
        Assert.True(link.Success, "The e-mail has no confirmation link: " + mail.Text);
        return Uri.UnescapeDataString(link.Groups[1].Value);
    }

    /// <summary>Status, headers (but the date) and body, as the caller sees them.</summary>
    private static async Task<string> WholeAnswerAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}\n"
        + string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))
        + "\n" + await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task ATakenEmailAndATakenDniAreAnsweredByteForByteLikeANewRegistration()
    {
        var owner = await ExistingAccountAsync();
        var (newcomer, dniTaker) = (NewEmail("new"), NewEmail("dni"));

        var forNew = await WholeAnswerAsync(await RegisterAsync(newcomer, NewDni()));
        var forTakenEmail = await WholeAnswerAsync(await RegisterAsync(owner.Email, NewDni()));
        var forTakenDni = await WholeAnswerAsync(await RegisterAsync(dniTaker, owner.Dni));

        Assert.StartsWith("202\n", forNew, StringComparison.Ordinal);
        Assert.EndsWith("""{"status":"verification_sent"}""", forNew, StringComparison.Ordinal);
        Assert.Equal(forNew, forTakenEmail);
        Assert.Equal(forNew, forTakenDni);
    }

    [Fact]
    public async Task TheOwnerOfATakenEmailIsMailedThatTheyHaveAnAccountWithAWorkingResetLink()
    {
        var owner = await ExistingAccountAsync();

        await RegisterAsync(owner.Email, NewDni());
        var (mail, token) = await world.LinkMailAsync(owner.Email);

        Assert.Equal("Ya tienes una cuenta de Tickets", mail.Subject);
        Assert.Equal(HttpStatusCode.NoContent, (await world.ResetAsync(token, "A-brand-new-password-7")).StatusCode);
    }

    [Fact]
    public async Task ANewAddressRegisteringATakenDniIsMailedThatTheDniIsRegisteredAndNoAccountIsMade()
    {
        var owner = await ExistingAccountAsync();
        var email = NewEmail("dni");

        await RegisterAsync(email, owner.Dni);
        var mail = await MailToAsync(email);

        Assert.Equal("Tu registro en Tickets", mail.Subject);
        Assert.Contains("DNI", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Email, mail.Text, StringComparison.OrdinalIgnoreCase);
        await (await world.Host.Client().PostAsJsonAsync("api/auth/login", new { email, password = "Marta-password-1" })).ProblemAsync(401);
    }

    [Fact]
    public async Task TheMailedLinkMakesTheAccountAndSignsItsOwnerInOnce()
    {
        var email = NewEmail("new");
        await RegisterAsync(email, NewDni());
        var mail = await MailToAsync(email);

        var first = await ConfirmAsync(ConfirmTokenIn(mail));
        // Confirmed at once, maybe while the delivery still records the e-mail as sent: that write must not spend the link.
        Assert.Equal(200, (int)first.StatusCode);
        var confirmed = await first.JsonAsync();
        var again = await (await ConfirmAsync(ConfirmTokenIn(mail))).ProblemAsync(400);

        Assert.Equal("Confirma tu cuenta de Tickets", mail.Subject);
        Assert.Equal("Bearer", confirmed.Str("tokenType"));
        Assert.Equal(email, confirmed.GetProperty("user").Str("email"));
        Assert.Equal("user", confirmed.GetProperty("user").Str("role"));
        Assert.Equal("invalid_registration_link", again.Str("code"));
        Assert.Equal(["token"], again.FieldErrors());
        Assert.Equal(email, (await world.SignInAsync(email, "Marta-password-1")).GetProperty("user").Str("email"));
    }

    [Fact]
    public async Task TheConfirmationAnswersAsASignInDoesWithTokensThatWork()
    {
        var email = NewEmail("signed");
        await RegisterAsync(email, NewDni());

        var confirmed = await (await ConfirmAsync(ConfirmTokenIn(await MailToAsync(email)))).JsonAsync();
        var client = world.Host.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", confirmed.Str("accessToken"));
        var refreshed = await (await world.Host.Client().PostAsJsonAsync("api/auth/refresh", new { refreshToken = confirmed.Str("refreshToken") })).JsonAsync();

        Assert.True(confirmed.GetProperty("expiresIn").GetInt32() > 0);
        Assert.Equal(email, (await (await client.GetAsync("api/me")).JsonAsync()).GetProperty("user").Str("email"));
        Assert.Equal(email, refreshed.GetProperty("user").Str("email"));
    }

    [Fact]
    public async Task FiveConcurrentConfirmationsMakeOneAccount()
    {
        var email = NewEmail("new");
        await RegisterAsync(email, NewDni());
        var token = ConfirmTokenIn(await MailToAsync(email));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ConfirmAsync(token)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var users = await (await world.Admin.GetAsync($"api/users?q={Uri.EscapeDataString(email)}")).JsonAsync();
        Assert.Single(users.GetProperty("items").EnumerateArray(), u => u.Str("email") == email);
    }

    [Fact]
    public async Task ADniTakenBeforeTheLinkIsUsedIsAConflictNotAFailure()
    {
        var (email, dni) = (NewEmail("late"), NewDni());
        await RegisterAsync(email, dni);
        var token = ConfirmTokenIn(await MailToAsync(email));
        var quicker = await world.Admin.PostAsJsonAsync("api/users", new
        {
            dni, phone = "+34 600 000 000", firstNames = "Rápida", lastNames = "Antes", department = "Ventas", email = NewEmail("quick"),
            password = "Password123!", role = "user",
        });
        Assert.Equal(HttpStatusCode.Created, quicker.StatusCode);

        var problem = await (await ConfirmAsync(token)).ProblemAsync(409);

        Assert.Equal("duplicate_dni", problem.Str("code"));
    }

    [Fact]
    public async Task InvalidFieldsAreStillRefusedAtOnce()
    {
        var response = await world.Host.Client().PostAsJsonAsync("api/auth/register", new { dni = "12a", email = "not-an-address" });

        var problem = await response.ProblemAsync(400);

        Assert.Contains("email", problem.FieldErrors());
        Assert.Contains("dni", problem.FieldErrors());
    }
}
