using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>Small helpers over the ticket routes, for readable tests.</summary>
public static class TicketClient
{
    public static async Task<JsonElement> CreateTicketAsync(this HttpClient client, string title = "La impresora no imprime",
        string description = "Sale todo en blanco.", string? priority = null, string? category = null)
    {
        var response = await client.PostAsJsonAsync("api/tickets", new { title, description, priority, category });
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GetTicketAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"api/tickets/{id}");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient client, string id, string? assigneeId) =>
        client.PutAsJsonAsync($"api/tickets/{id}/assignee", new { assigneeId });

    public static Task<HttpResponseMessage> SetStatusAsync(this HttpClient client, string id, string status, string? note = null) =>
        client.PutAsJsonAsync($"api/tickets/{id}/status", new { status, note });

    public static Task<HttpResponseMessage> CommentAsync(this HttpClient client, string id, string body, bool isInternal = false) =>
        client.PostAsJsonAsync($"api/tickets/{id}/comments", new { body, @internal = isInternal });

    public static async Task<string> MyIdAsync(this HttpClient client) =>
        (await (await client.GetAsync("api/me")).JsonAsync()).GetProperty("user").GetProperty("id").GetString()!;

    public static string Id(this JsonElement ticket) => ticket.GetProperty("id").GetString()!;

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null! : element.GetProperty(property).GetString()!;
}

/// <summary>
/// The local host plus the cast every ticket test needs: the demo accounts, a second user and a second
/// technician (created by the admin), signed in once.
/// </summary>
public sealed class TicketWorld : IAsyncLifetime
{
    public LocalHost Host { get; } = new();

    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Technician { get; private set; } = null!;
    public string TechnicianId { get; private set; } = null!;
    public HttpClient OtherTechnician { get; private set; } = null!;
    public string OtherTechnicianId { get; private set; } = null!;
    public HttpClient User { get; private set; } = null!;
    public string UserId { get; private set; } = null!;
    public HttpClient OtherUser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
        Technician = await Host.TechnicianAsync();
        TechnicianId = await Technician.MyIdAsync();
        (User, UserId, _) = await Host.NewUserAsync();
        (OtherUser, _, _) = await Host.NewUserAsync();

        var email = $"tecnica-{Guid.NewGuid():N}@example.org";
        var created = await Admin.PostAsJsonAsync("api/users", new
        {
            dni = "55544433", phone = "+34 600 999 999", firstNames = "Teresa", lastNames = "Técnica", department = "Soporte",
            email, password = "Password123!", role = "technician",
        });
        Assert.Equal(201, (int)created.StatusCode);
        OtherTechnicianId = (await created.JsonAsync()).Str("id");
        OtherTechnician = await Host.SignInAsync(email, "Password123!");
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
