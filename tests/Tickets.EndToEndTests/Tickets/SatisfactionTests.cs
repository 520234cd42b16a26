using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>
/// Satisfaction: the requester rates each resolution once, good or bad, in the app (<c>POST /tickets/{id}/satisfaction</c>)
/// or from the resolved e-mail's signed link (<c>POST /satisfaction-answers</c>, anonymous).
/// </summary>
public sealed class SatisfactionTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    [Fact]
    public async Task TheRequesterRatesAResolutionOnceAndStaffSeeTheRatingWithItsComment()
    {
        var ticket = await ResolvedAsync();
        Assert.True((await world.User.GetTicketAsync(ticket)).GetProperty("actions").GetProperty("rate").GetBoolean());

        var first = await RateAsync(world.User, ticket, "bad", "  Tardaron tres días.  ");
        var again = await RateAsync(world.User, ticket, "good");

        Assert.Equal(200, (int)first.StatusCode);
        var rated = await first.JsonAsync();
        Assert.False(rated.GetProperty("actions").GetProperty("rate").GetBoolean());
        Assert.Equal("already_rated", (await again.ProblemAsync(409)).Str("code"));
        var seen = (await world.Technician.GetTicketAsync(ticket)).GetProperty("satisfaction");
        Assert.Equal(("bad", "Tardaron tres días."), (seen.Str("rating"), seen.Str("comment")));
        var history = (await (await world.User.GetAsync($"api/tickets/{ticket}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray();
        var told = Assert.Single(history, e => e.Str("type") == "satisfaction_rated");
        Assert.Equal((world.UserId, "bad"), (told.GetProperty("actor").Str("id"), told.GetProperty("data").Str("rating")));
    }

    [Fact]
    public async Task ATicketNotResolvedCannotBeRated()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();

        var refused = await RateAsync(world.User, ticket, "good");

        Assert.Equal("not_resolved", (await refused.ProblemAsync(409)).Str("code"));
        Assert.False((await world.User.GetTicketAsync(ticket)).TryGetProperty("satisfaction", out _));
    }

    [Fact]
    public async Task AClosedTicketMayStillBeRatedUntilReopened()
    {
        var ticket = await ResolvedAsync();
        Assert.Equal(200, (int)(await world.User.SetStatusAsync(ticket, "closed")).StatusCode);

        var rated = await RateAsync(world.User, ticket, "good");

        Assert.Equal(200, (int)rated.StatusCode);
        Assert.Equal("good", (await rated.JsonAsync()).GetProperty("satisfaction").Str("rating"));
    }

    [Fact]
    public async Task AReopeningAndANewResolutionAskAgain()
    {
        var ticket = await ResolvedAsync();
        Assert.Equal(200, (int)(await RateAsync(world.User, ticket, "good")).StatusCode);
        Assert.Equal(200, (int)(await world.User.SetStatusAsync(ticket, "in_progress")).StatusCode);
        Assert.Equal("not_resolved", (await (await RateAsync(world.User, ticket, "bad")).ProblemAsync(409)).Str("code"));
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "resolved", "Ahora sí.")).StatusCode);

        var again = await RateAsync(world.User, ticket, "bad", "Vuelve a fallar.");

        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal("bad", (await again.JsonAsync()).GetProperty("satisfaction").Str("rating"));
    }

    [Fact]
    public async Task OnlyTheRequesterRatesAndBadInputNamesItsField()
    {
        var ticket = await ResolvedAsync();

        var byStaff = await RateAsync(world.Technician, ticket, "good");
        var unseen = await RateAsync(world.OtherUser, ticket, "good");
        var noRating = await world.User.PostAsJsonAsync($"api/tickets/{ticket}/satisfaction", new { comment = "Bien." });
        var neutral = await RateAsync(world.User, ticket, "meh");
        var tooLong = await RateAsync(world.User, ticket, "good", new string('a', 2001));

        Assert.Equal(403, (int)byStaff.StatusCode);
        Assert.Equal(404, (int)unseen.StatusCode);
        Assert.Equal(["rating"], (await noRating.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["rating"], (await neutral.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["comment"], (await tooLong.ProblemAsync(400)).FieldErrors());
        Assert.True((await world.User.GetTicketAsync(ticket)).GetProperty("actions").GetProperty("rate").GetBoolean());
    }

    [Fact]
    public async Task AnEmailLinkRecordsTheRatingThenTakesOneCommentAndIsThenUsedUp()
    {
        var ticket = await ResolvedAsync();
        var links = await LinksAsync(ticket);
        var anonymous = world.Host.Client();

        var clicked = await anonymous.PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf(links.BadUrl) });
        var commented = await anonymous.PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf(links.BadUrl), comment = "Nadie me llamó." });
        var twice = await anonymous.PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf(links.BadUrl) });
        var other = await anonymous.PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf(links.GoodUrl), comment = "Perfecto." });

        Assert.Equal(200, (int)clicked.StatusCode);
        var recorded = await clicked.JsonAsync();
        Assert.Equal(("bad", false), (recorded.Str("rating"), recorded.GetProperty("commented").GetBoolean()));
        Assert.True((await commented.JsonAsync()).GetProperty("commented").GetBoolean());
        Assert.Equal("link_already_used", (await twice.ProblemAsync(409)).Str("code"));
        Assert.Equal("link_already_used", (await other.ProblemAsync(409)).Str("code"));
        var seen = (await world.Admin.GetTicketAsync(ticket)).GetProperty("satisfaction");
        Assert.Equal(("bad", "Nadie me llamó."), (seen.Str("rating"), seen.Str("comment")));
        Assert.Equal("resolved", (await world.User.GetTicketAsync(ticket)).Str("status"));
    }

    [Fact]
    public async Task AnExpiredOrForgedLinkIsRefusedNamingTokenAndRatesNothing()
    {
        var ticket = await ResolvedAsync();
        var read = Tokens.Read(TokenOf((await LinksAsync(ticket)).GoodUrl))!;
        var expired = Tokens.Create(read with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var confirm = TokenOf((await ResolutionPairAsync(ticket)).ConfirmUrl);

        var late = await world.Host.Client().PostAsJsonAsync("api/satisfaction-answers", new { token = expired });
        var wrongKind = await world.Host.Client().PostAsJsonAsync("api/satisfaction-answers", new { token = confirm });

        var problem = await late.ProblemAsync(400);
        Assert.Equal("invalid_link", problem.Str("code"));
        Assert.Equal(["token"], problem.FieldErrors());
        Assert.Equal("invalid_link", (await wrongKind.ProblemAsync(400)).Str("code"));
        Assert.False((await world.User.GetTicketAsync(ticket)).TryGetProperty("satisfaction", out _));
        Assert.Equal("resolved", (await world.User.GetTicketAsync(ticket)).Str("status"));
    }

    [Fact]
    public async Task ALinkOfAResolutionSinceReopenedIsUsedUp()
    {
        var ticket = await ResolvedAsync();
        var first = await LinksAsync(ticket);
        Assert.Equal(200, (int)(await world.User.SetStatusAsync(ticket, "in_progress")).StatusCode);
        Assert.Equal(200, (int)(await world.Technician.SetStatusAsync(ticket, "resolved", "Ahora sí.")).StatusCode);

        var stale = await world.Host.Client().PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf(first.GoodUrl) });
        var fresh = await world.Host.Client().PostAsJsonAsync("api/satisfaction-answers", new { token = TokenOf((await LinksAsync(ticket)).GoodUrl) });

        Assert.Equal("link_already_used", (await stale.ProblemAsync(409)).Str("code"));
        Assert.Equal(200, (int)fresh.StatusCode);
    }

    private ResolutionLinkTokens Tokens => world.Host.Services.GetRequiredService<ResolutionLinkTokens>();

    private static Task<HttpResponseMessage> RateAsync(HttpClient client, string ticket, string rating, string? comment = null) =>
        client.PostAsJsonAsync($"api/tickets/{ticket}/satisfaction", new { rating, comment });

    /// <summary>A ticket of the user, assigned to the technician and resolved by them with a note.</summary>
    private async Task<string> ResolvedAsync()
    {
        var ticket = (await world.User.CreateTicketAsync()).Id();
        Assert.Equal(200, (int)(await world.Technician.AssignAsync(ticket, world.TechnicianId)).StatusCode);
        Assert.Equal(201, (int)(await world.Technician.PostAsJsonAsync($"api/tickets/{ticket}/comments", new { body = "Tóner sustituido.", status = "resolved" })).StatusCode);
        return ticket;
    }

    private async Task<ResolutionLinkPair> ResolutionPairAsync(string ticketId)
    {
        var stored = await world.Host.Services.GetRequiredService<ITicketStore>().FindAsync(ticketId);
        return world.Host.Services.GetRequiredService<IResolutionLinks>().For(stored!)!;
    }

    /// <summary>The satisfaction links the ticket's resolved e-mail would carry (the host's own IResolutionLinks).</summary>
    private async Task<SatisfactionLinks> LinksAsync(string ticketId)
    {
        var links = (await ResolutionPairAsync(ticketId)).Satisfaction;
        Assert.NotNull(links);
        Assert.Contains("/satisfaccion?token=", links.GoodUrl, StringComparison.Ordinal);
        return links;
    }

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
}
