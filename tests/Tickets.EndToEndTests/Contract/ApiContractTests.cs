using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Contract;

/// <summary>The API describes itself, and what it describes is what it answers.</summary>
public sealed class ApiContractTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task AnyoneReadsTheOpenApiDocumentOfEveryRoute()
    {
        var response = await world.Host.Client().GetAsync("api/openapi.json");

        var document = await response.JsonAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/tickets/{id}/comments/{commentId}", out _));
    }

    [Fact]
    public async Task TheLocalHostServesAnInteractiveReferenceOfTheDocument()
    {
        var response = await world.Host.Client().GetAsync("api/docs");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("api/openapi.json", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewCommentsLocationReadsThatComment()
    {
        var ticket = await world.User.CreateTicketAsync();
        var added = await world.User.CommentAsync(ticket.Id(), "Sigue sin imprimir.");

        var read = await world.User.GetAsync(added.Headers.Location);

        Assert.Equal(201, (int)added.StatusCode);
        Assert.Equal(200, (int)read.StatusCode);
        Assert.Equal("Sigue sin imprimir.", (await read.JsonAsync()).Str("body"));
    }

    [Fact]
    public async Task AnInternalNoteIsNotFoundForItsTicketsRequester()
    {
        var ticket = await world.User.CreateTicketAsync();
        var note = await world.Technician.CommentAsync(ticket.Id(), "Pedir tóner.", isInternal: true);

        var asRequester = await world.User.GetAsync(note.Headers.Location);
        var asStaff = await world.Admin.GetAsync(note.Headers.Location);

        await asRequester.ProblemAsync(404);
        Assert.Equal(200, (int)asStaff.StatusCode);
    }

    [Fact]
    public async Task ATicketShowsEachCallerWhatTheyMayDoWithItNow()
    {
        var ticket = await world.User.CreateTicketAsync();

        var forRequester = (await world.User.GetTicketAsync(ticket.Id())).GetProperty("actions");
        var forTechnician = (await world.Technician.GetTicketAsync(ticket.Id())).GetProperty("actions");

        Assert.Equal(
            (true, true, false, "closed"),
            (forRequester.GetProperty("edit").GetBoolean(), forRequester.GetProperty("delete").GetBoolean(), forRequester.GetProperty("take").GetBoolean(),
                string.Join(",", forRequester.GetProperty("transitions").EnumerateArray().Select(t => t.Str("status")))));
        Assert.Equal(
            (false, false, true, true, ""),
            (forTechnician.GetProperty("edit").GetBoolean(), forTechnician.GetProperty("delete").GetBoolean(), forTechnician.GetProperty("take").GetBoolean(),
                forTechnician.GetProperty("internalNote").GetBoolean(),
                string.Join(",", forTechnician.GetProperty("transitions").EnumerateArray().Select(t => t.Str("status")))));
    }
}
