using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// What the agent workspace reads from the API: the requester's contact (staff only), the configured categories,
/// a stable code for every field error, and a take that lost the race saying who won it.
/// </summary>
public sealed class WorkspaceApiTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task StaffReachTheRequesterByTheContactGivenAtRegistrationAndRequestersCannot()
    {
        var ticket = await world.User.CreateTicketAsync();

        var contact = await (await world.Technician.GetAsync($"api/tickets/{ticket.Id()}/requester")).JsonAsync();
        var asRequester = await world.User.GetAsync($"api/tickets/{ticket.Id()}/requester");

        Assert.Equal((world.UserId, "+34 600 123 456", "Ventas", true),
            (contact.Str("id"), contact.Str("phone"), contact.Str("department"), contact.GetProperty("active").GetBoolean()));
        Assert.EndsWith("@example.org", contact.Str("email"));
        Assert.Equal(403, (int)asRequester.StatusCode);
    }

    [Fact]
    public async Task TheCategoriesStartAsTheConfiguredOnesInOrder()
    {
        var categories = await (await world.User.GetAsync("api/categories")).JsonAsync();

        // Other tests of this class may add categories after the seeded ones (they go last): the seed comes first, in order.
        Assert.Equal(new[] { "hardware", "software", "network", "access", "other" },
            categories.GetProperty("items").EnumerateArray().Select(c => c.Str("id")).Take(5).ToArray());
    }

    [Fact]
    public async Task EveryFieldErrorCarriesAStableCodeBesideItsMessage()
    {
        var response = await world.User.PostAsJsonAsync("api/tickets", new { title = "ab", description = "", priority = "urgent", category = "plumbing" });
        var problem = await response.JsonAsync();

        Assert.Equal(400, (int)response.StatusCode);
        var codes = problem.GetProperty("errorCodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal(new[] { "too_short" }, codes["title"]);
        Assert.Equal(new[] { "not_allowed" }, codes["priority"]);
        Assert.Equal(new[] { "not_allowed" }, codes["category"]);
        Assert.Equal(problem.GetProperty("errors").EnumerateObject().Select(p => (p.Name, p.Value.GetArrayLength())).Order(),
            codes.Select(p => (p.Key, p.Value.Length)).Order());
    }

    [Fact]
    public async Task ADuplicateEmailIsCodedOnTheEmailField()
    {
        var response = await world.Host.Client().PostAsJsonAsync("api/auth/register", new
        {
            dni = "777888999", phone = "+34 600 123 456", firstNames = "Otra", lastNames = "Persona", department = "Ventas",
            email = "user@tickets.local", password = "Password123!",
        });
        var problem = await response.JsonAsync();

        Assert.Equal((409, "duplicate_email", "duplicate_email"),
            ((int)response.StatusCode, problem.Str("code"), problem.GetProperty("errorCodes").GetProperty("email")[0].GetString()));
    }

    [Fact]
    public async Task ATakeThatLostTheRaceSaysWhoHasTheTicket()
    {
        var ticket = await world.User.CreateTicketAsync();
        Assert.Equal(200, (int)(await world.Technician.AssignAsync(ticket.Id(), world.TechnicianId)).StatusCode);

        var late = await world.OtherTechnician.AssignAsync(ticket.Id(), world.OtherTechnicianId);
        var problem = await late.JsonAsync();

        Assert.Equal((403, "already_assigned", world.TechnicianId),
            ((int)late.StatusCode, problem.Str("code"), problem.GetProperty("assignee").Str("id")));
    }

    [Fact]
    public async Task TheAssigneeRecategorisesTheTicketTheActionsSaySo()
    {
        var ticket = await world.User.CreateTicketAsync(category: "hardware");
        await world.Technician.AssignAsync(ticket.Id(), world.TechnicianId);
        var taken = await world.Technician.GetTicketAsync(ticket.Id());

        var changed = await world.Technician.PatchAsJsonAsync($"api/tickets/{ticket.Id()}", new { category = "network" });

        Assert.True(taken.GetProperty("actions").GetProperty("changeCategory").GetBoolean());
        Assert.Equal((200, "network"), ((int)changed.StatusCode, (await changed.JsonAsync()).Str("category")));
    }
}
