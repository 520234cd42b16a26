using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// The "¿Resuelto? Sí / No, reabrir" links of a resolved e-mail, answered on <c>POST /resolution-answers</c> without
/// signing in: each works once, as the requester; a forged or expired one is a 400 naming <c>token</c>.
/// </summary>
public sealed class ResolutionLinkTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Theory]
    [InlineData("confirm", "closed")]
    [InlineData("reopen", "in_progress")]
    public async Task ALinkWorksOnceAsTheRequesterAndThenSaysItWasUsed(string answer, string status)
    {
        var (ticket, links) = await ResolvedAsync();
        var token = TokenOf(answer == "confirm" ? links.ConfirmUrl : links.ReopenUrl);
        var anonymous = world.Host.Client();

        var first = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token, note = "Vuelve a fallar al imprimir a doble cara." });
        var again = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token });
        var other = await anonymous.PostAsJsonAsync("api/resolution-answers", new { token = TokenOf(answer == "confirm" ? links.ReopenUrl : links.ConfirmUrl) });

        Assert.Equal(200, (int)first.StatusCode);
        var answered = await first.JsonAsync();
        Assert.Equal((ticket.Str("number"), status), (answered.Str("ticketNumber"), answered.Str("status")));
        Assert.Equal("link_already_used", (await again.ProblemAsync(409)).Str("code"));
        Assert.Equal(["token"], (await other.ProblemAsync(409)).FieldErrors());
        var history = (await (await world.User.GetAsync($"api/tickets/{ticket.Id()}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var move = history.Last(e => e.Str("type") == "status_changed");
        Assert.Equal((world.UserId, "resolution_link", status), (move.GetProperty("actor").Str("id"), move.GetProperty("data").Str("channel"), move.GetProperty("data").Str("to")));
    }

    [Fact]
    public async Task AForgedOrAlteredLinkIs400NamingTokenAndChangesNothing()
    {
        var (ticket, links) = await ResolvedAsync();
        var token = TokenOf(links.ConfirmUrl);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var refused = await world.Host.Client().PostAsJsonAsync("api/resolution-answers", new { token = forged });
        var empty = await world.Host.Client().PostAsJsonAsync("api/resolution-answers", new { note = "hola" });

        var problem = await refused.ProblemAsync(400);
        Assert.Equal("invalid_link", problem.Str("code"));
        Assert.Equal(["token"], problem.FieldErrors());
        Assert.Equal(["token"], (await empty.ProblemAsync(400)).FieldErrors());
        Assert.Equal("resolved", (await world.User.GetTicketAsync(ticket.Id())).Str("status"));
    }

    [Fact]
    public async Task AnExpiredLinkIs400NamingToken()
    {
        var (ticket, _) = await ResolvedAsync();
        var read = Tokens.Read(TokenOf((await LinksAsync(ticket.Id())).ConfirmUrl))!;
        var expired = Tokens.Create(read with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var refused = await world.Host.Client().PostAsJsonAsync("api/resolution-answers", new { token = expired });

        Assert.Equal("invalid_link", (await refused.ProblemAsync(400)).Str("code"));
        Assert.Equal("resolved", (await world.User.GetTicketAsync(ticket.Id())).Str("status"));
    }

    [Fact]
    public async Task ALinkOfAnEarlierResolutionIsUsedUpByTheReopening()
    {
        var (ticket, first) = await ResolvedAsync();
        Assert.Equal(200, (int)(await world.User.SetStatusAsync(ticket.Id(), "in_progress")).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket.Id(), "resolved", "Ahora sí.")).StatusCode);

        var stale = await world.Host.Client().PostAsJsonAsync("api/resolution-answers", new { token = TokenOf(first.ConfirmUrl) });
        var fresh = await world.Host.Client().PostAsJsonAsync("api/resolution-answers", new { token = TokenOf((await LinksAsync(ticket.Id())).ConfirmUrl) });

        Assert.Equal(409, (int)stale.StatusCode);
        Assert.Equal(200, (int)fresh.StatusCode);
    }

    private ResolutionLinkTokens Tokens => world.Host.Services.GetRequiredService<ResolutionLinkTokens>();

    /// <summary>A ticket of the user, resolved by the technician, and the links its resolved e-mail would carry (the host's own IResolutionLinks).</summary>
    private async Task<(JsonElement Ticket, ResolutionLinkPair Links)> ResolvedAsync()
    {
        var ticket = await world.User.CreateTicketAsync();
        Assert.Equal(200, (int)(await world.Technician.AssignAsync(ticket.Id(), world.TechnicianId)).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.PostAsJsonAsync($"api/tickets/{ticket.Id()}/comments", new { body = "Tóner sustituido.", status = "resolved" })).StatusCode);
        return (ticket, await LinksAsync(ticket.Id()));
    }

    private async Task<ResolutionLinkPair> LinksAsync(string ticketId)
    {
        var stored = await world.Host.Services.GetRequiredService<ITicketStore>().FindAsync(ticketId);
        var links = world.Host.Services.GetRequiredService<IResolutionLinks>().For(stored!);
        Assert.NotNull(links);
        Assert.Contains("/resolucion?token=", links.ConfirmUrl, StringComparison.Ordinal);
        return links;
    }

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
}
