using System.Net.Http.Json;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Every ticket route × caller × ticket. The rule: 404 for a ticket the caller may not see (no existence leak),
/// 403 for a visible ticket where the action is not theirs, 2xx when it is.
/// </summary>
public sealed class TicketAuthorizationTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    // Tickets: "unassigned" = open, created by the user, nobody assigned; "assigned" = open, assigned to the technician.
    // Callers: requester (the user), stranger (another user), technician (the assignee of "assigned"),
    // other_technician (not the assignee), admin.
    public static TheoryData<string, string, string, int> Matrix() => new()
    {
        { "get", "unassigned", "requester", 200 },
        { "get", "unassigned", "stranger", 404 },
        { "get", "unassigned", "other_technician", 200 },
        { "get", "unassigned", "admin", 200 },

        { "edit_title", "unassigned", "requester", 200 },
        { "edit_title", "assigned", "requester", 403 },
        { "edit_title", "unassigned", "stranger", 404 },
        { "edit_title", "assigned", "technician", 403 },
        { "edit_title", "assigned", "other_technician", 403 },
        { "edit_title", "assigned", "admin", 200 },
        { "edit_priority", "assigned", "technician", 200 },
        { "edit_priority", "assigned", "other_technician", 403 },

        { "delete", "unassigned", "requester", 204 },
        { "delete", "assigned", "requester", 403 },
        { "delete", "unassigned", "stranger", 404 },
        { "delete", "unassigned", "other_technician", 403 },
        { "delete", "assigned", "admin", 204 },

        { "take", "unassigned", "requester", 403 },
        { "take", "unassigned", "stranger", 404 },
        { "take", "unassigned", "other_technician", 200 },
        { "take", "assigned", "other_technician", 403 },
        { "take", "assigned", "admin", 200 },
        { "unassign", "assigned", "technician", 403 },
        { "unassign", "assigned", "admin", 200 },

        { "start", "assigned", "requester", 403 },
        { "start", "assigned", "stranger", 404 },
        { "start", "assigned", "technician", 200 },
        { "start", "assigned", "other_technician", 403 },
        { "start", "assigned", "admin", 200 },
        { "cancel", "unassigned", "requester", 200 },
        { "cancel", "assigned", "requester", 403 },
        { "cancel", "unassigned", "stranger", 404 },
        { "cancel", "unassigned", "other_technician", 403 },
        { "cancel", "assigned", "admin", 200 },

        { "transitions", "unassigned", "requester", 200 },
        { "transitions", "unassigned", "stranger", 404 },
        { "transitions", "unassigned", "other_technician", 200 },

        { "comments", "unassigned", "requester", 200 },
        { "comments", "unassigned", "stranger", 404 },
        { "comments", "unassigned", "other_technician", 200 },
        { "comments", "unassigned", "admin", 200 },
        { "comment", "unassigned", "requester", 201 },
        { "comment", "unassigned", "stranger", 404 },
        { "comment", "unassigned", "other_technician", 201 },
        { "comment", "unassigned", "admin", 201 },
        { "internal_note", "unassigned", "requester", 403 },
        { "internal_note", "unassigned", "stranger", 404 },
        { "internal_note", "unassigned", "other_technician", 201 },

        { "history", "unassigned", "requester", 200 },
        { "history", "unassigned", "stranger", 404 },
        { "history", "unassigned", "other_technician", 200 },
        { "history", "unassigned", "admin", 200 },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRouteAnswersEachCallerAsTheRulesSay(string action, string ticketKind, string caller, int expected)
    {
        var ticket = await world.User.CreateTicketAsync();
        var id = ticket.Id();
        if (ticketKind == "assigned") Assert.Equal(200, (int)(await world.Admin.AssignAsync(id, world.TechnicianId)).StatusCode);

        var client = caller switch
        {
            "requester" => world.User,
            "stranger" => world.OtherUser,
            "technician" => world.Technician,
            "other_technician" => world.OtherTechnician,
            _ => world.Admin,
        };
        var callerId = caller switch
        {
            "technician" => world.TechnicianId,
            "other_technician" => world.OtherTechnicianId,
            "admin" => world.OtherTechnicianId,
            _ => world.TechnicianId,
        };

        var response = action switch
        {
            "get" => await client.GetAsync($"api/tickets/{id}"),
            "edit_title" => await client.PatchAsJsonAsync($"api/tickets/{id}", new { title = "Título nuevo" }),
            "edit_priority" => await client.PatchAsJsonAsync($"api/tickets/{id}", new { priority = "critical" }),
            "delete" => await client.DeleteAsync($"api/tickets/{id}"),
            "take" => await client.AssignAsync(id, callerId),
            "unassign" => await client.AssignAsync(id, null),
            "start" => await client.SetStatusAsync(id, "in_progress"),
            "cancel" => await client.SetStatusAsync(id, "closed"),
            "transitions" => await client.GetAsync($"api/tickets/{id}/transitions"),
            "comments" => await client.GetAsync($"api/tickets/{id}/comments"),
            "comment" => await client.CommentAsync(id, "Un comentario."),
            "internal_note" => await client.CommentAsync(id, "Una nota.", isInternal: true),
            "history" => await client.GetAsync($"api/tickets/{id}/history"),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task RefusedWriteChangesNothing()
    {
        var ticket = await world.User.CreateTicketAsync();
        await world.Admin.AssignAsync(ticket.Id(), world.TechnicianId);
        var before = await world.Admin.GetTicketAsync(ticket.Id());

        await (await world.OtherTechnician.SetStatusAsync(ticket.Id(), "in_progress")).ProblemAsync(403);

        Assert.Equal(before.Str("etag"), (await world.Admin.GetTicketAsync(ticket.Id())).Str("etag"));
    }

    [Fact]
    public async Task AdminCanAssignOnlyActiveStaff()
    {
        var ticket = await world.User.CreateTicketAsync();

        var problem = await (await world.Admin.AssignAsync(ticket.Id(), world.UserId)).ProblemAsync(400);

        Assert.Equal(["assigneeId"], problem.FieldErrors());
    }

    [Fact]
    public async Task UsersListOnlyTheirOwnTickets()
    {
        var (client, id, _) = await world.Host.NewUserAsync();
        await client.CreateTicketAsync();
        await world.User.CreateTicketAsync();

        var page = await (await client.GetAsync("api/tickets?includeTotal=true&requesterId=" + world.UserId)).JsonAsync();
        var mine = await (await client.GetAsync("api/tickets?includeTotal=true")).JsonAsync();

        Assert.Equal(0, page.GetProperty("total").GetInt64());
        Assert.Equal(1, mine.GetProperty("total").GetInt64());
        Assert.Equal(id, mine.GetProperty("items")[0].GetProperty("requester").Str("id"));
    }

    [Fact]
    public async Task TicketRoutesNeedASignedInCaller()
    {
        var response = await world.Host.Client().GetAsync("api/tickets");

        await response.ProblemAsync(401);
    }
}
