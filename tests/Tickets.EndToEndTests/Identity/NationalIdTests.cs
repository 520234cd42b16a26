using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Identity;

/// <summary>A DNI or NIE with its control letter, wherever an account is made: checked, normalised, unique in that form.</summary>
public sealed class NationalIdTests(LocalHost host) : IClassFixture<LocalHost>
{
    private const string Letters = "TRWAGMYFPDXBNJZSQVHLCKE";

    /// <summary>A NIE nobody has yet (Y + 7 digits + its letter), as a person might type it: lower case, with hyphens.</summary>
    private static (string Typed, string Stored) NewNie()
    {
        var digits = Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        var letter = Letters[int.Parse("1" + digits, CultureInfo.InvariantCulture) % 23];
        return ($"y-{digits}-{char.ToLowerInvariant(letter)}", $"Y{digits}{letter}");
    }

    private static object Person(string dni, string email) => new
    {
        dni, phone = "+34 611 222 333", firstNames = "Nadia", lastNames = "Extranjera", department = "Compras", email, password = "Password123!",
    };

    private static string NewEmail() => $"nie-{Guid.NewGuid():N}@example.org";

    private static string[] CodesOf(System.Text.Json.JsonElement problem, string field) =>
        [.. problem.GetProperty("errorCodes").GetProperty(field).EnumerateArray().Select(c => c.GetString()!)];

    [Fact]
    public async Task ANieWithItsLetterRegistersAndIsStoredNormalised()
    {
        var (typed, stored) = NewNie();

        var registered = await (await host.Client().PostAsJsonAsync("api/auth/register", Person(typed, NewEmail()))).JsonAsync();

        Assert.Equal(stored, registered.GetProperty("user").Str("dni"));
    }

    [Fact]
    public async Task TheSameNieWrittenAnotherWayIsTheSameDni()
    {
        var (typed, stored) = NewNie();
        Assert.Equal(HttpStatusCode.Created, (await host.Client().PostAsJsonAsync("api/auth/register", Person(typed, NewEmail()))).StatusCode);

        var again = await (await host.Client().PostAsJsonAsync("api/auth/register", Person(stored, NewEmail()))).ProblemAsync(409);

        Assert.Equal("duplicate_dni", again.Str("code"));
        Assert.Equal(["dni"], again.FieldErrors());
    }

    [Fact]
    public async Task AWrongLetterIsABadRequestNamingDniAndNothingIsStored()
    {
        var (_, stored) = NewNie();
        var wrong = stored[..^1] + Letters[(Letters.IndexOf(stored[^1], StringComparison.Ordinal) + 1) % 23];
        var email = NewEmail();

        var problem = await (await host.Client().PostAsJsonAsync("api/auth/register", Person(wrong, email))).ProblemAsync(400);

        Assert.Equal(["dni"], problem.FieldErrors());
        Assert.Equal(["dni_letter"], CodesOf(problem, "dni"));
        var admin = await host.AdminAsync();
        var found = await (await admin.GetAsync($"api/users?q={Uri.EscapeDataString(email)}")).JsonAsync();
        Assert.Empty(found.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnAdminCreatingAnAccountIsHeldToTheSameRule()
    {
        var admin = await host.AdminAsync();
        var body = new
        {
            dni = "12345678A", phone = "+34 611 222 333", firstNames = "Nadia", lastNames = "Mal", department = "Compras", email = NewEmail(), role = "user",
        };

        var problem = await (await admin.PostAsJsonAsync("api/users", body)).ProblemAsync(400);

        Assert.Equal(["dni"], problem.FieldErrors());
        Assert.Equal(["dni_letter"], CodesOf(problem, "dni"));
    }

    [Fact]
    public async Task DigitsOnlyIdsAreStillAccepted()
    {
        var digits = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

        var registered = await (await host.Client().PostAsJsonAsync("api/auth/register", Person(digits, NewEmail()))).JsonAsync();

        Assert.Equal(digits, registered.GetProperty("user").Str("dni"));
    }
}
