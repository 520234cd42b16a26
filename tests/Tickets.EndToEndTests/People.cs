using System.Net.Http.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests;

/// <summary>A person the test made, signed in.</summary>
public sealed record Person(string Id, string Email, HttpClient Client);

public static class People
{
    /// <summary>A fresh account of the role, created by an admin and signed in, so each test reads an inbox of its own.</summary>
    public static Task<Person> NewPersonAsync(this LocalHost host, HttpClient admin, string role) =>
        NewPersonAsync(admin, role, host.SignInAsync);

    /// <summary>The same on any host: <paramref name="signIn"/> returns a client signed in with an e-mail and password.</summary>
    public static async Task<Person> NewPersonAsync(HttpClient admin, string role, Func<string, string, Task<HttpClient>> signIn)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.org";
        var created = await admin.PostAsJsonAsync("api/users", new
        {
            dni = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            phone = "+34 600 000 000", firstNames = "Persona", lastNames = role, department = "Soporte", email, password = "Password123!", role,
        });
        Assert.Equal(201, (int)created.StatusCode);
        return new Person((await created.JsonAsync()).Str("id"), email, await signIn(email, "Password123!"));
    }
}
