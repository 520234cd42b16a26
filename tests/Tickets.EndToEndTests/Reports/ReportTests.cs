using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Reports;

/// <summary>A ticket world whose critical tickets must be answered within a second (so one can be answered late), dated in UTC.</summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public TicketWorld World { get; } = new();

    public async Task InitializeAsync()
    {
        World.Host.Settings["Tickets:Sla:Critical:FirstResponse"] = "00:00:01";
        World.Host.Settings["Tickets:Users:DefaultTimeZone"] = "UTC";
        await World.InitializeAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

/// <summary>
/// <c>GET /reports/summary</c> and its CSV end to end: compliance by team from tickets answered in time and late, the team
/// filter, the CSV file (BOM, neutralised cells) and 400s naming the field. Business-minute medians are pinned by the
/// report store contract, on a calendar and a clock it controls.
/// </summary>
public sealed class ReportTests(ReportWorld report) : IClassFixture<ReportWorld>
{
    private TicketWorld World => report.World;

    private async Task<string> NewTeamAsync(string name)
    {
        var created = await World.Admin.PostAsJsonAsync("api/teams", new { name = $"{name} {Guid.NewGuid():N}"[..30] });
        Assert.Equal(201, (int)created.StatusCode);
        return (await created.JsonAsync()).Str("id");
    }

    /// <summary>A ticket in <paramref name="teamId"/> answered and resolved by the technician; a critical one only once its first response is overdue.</summary>
    private async Task<string> ResolvedTicketAsync(string teamId, string priority)
    {
        var id = (await World.User.CreateTicketAsync("Informe", priority: priority)).Id();
        Assert.Equal(200, (int)(await World.Admin.PutAsJsonAsync($"api/tickets/{id}/team", new { teamId })).StatusCode);
        Assert.Equal(200, (int)(await World.Admin.AssignAsync(id, World.TechnicianId)).StatusCode);
        if (priority == "critical")
            await Eventually.Until(async () => (await World.Technician.GetTicketAsync(id)).GetProperty("sla").Str("state"), s => s == "breached", "overdue");
        Assert.Equal(200, (int)(await World.Technician.SetStatusAsync(id, "in_progress")).StatusCode);
        Assert.Equal(200, (int)(await World.Technician.SetStatusAsync(id, "resolved", "Resuelto.")).StatusCode);
        return id;
    }

    private async Task<JsonElement> SummaryAsync(string query)
    {
        var response = await World.Technician.GetAsync($"api/reports/summary?{query}");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private static (long Met, long Breached) Counts(JsonElement figure) => (figure.GetProperty("met").GetInt64(), figure.GetProperty("breached").GetInt64());

    [Fact]
    public async Task ComplianceIsCountedPerTeamWithItsName()
    {
        var onTime = await NewTeamAsync("Puntual");
        var late = await NewTeamAsync("Tardío");
        await ResolvedTicketAsync(onTime, "medium");
        await ResolvedTicketAsync(late, "critical");

        var all = (await SummaryAsync("")).GetProperty("slaCompliance").GetProperty("byTeam").EnumerateArray().ToList();

        Assert.Equal((1L, 0L), Counts(all.Single(t => t.Str("teamId") == onTime)));
        Assert.Equal((0L, 1L), Counts(all.Single(t => t.Str("teamId") == late)));
        Assert.StartsWith("Tardío", all.Single(t => t.Str("teamId") == late).Str("name"));
    }

    [Fact]
    public async Task TheRequestersRatingsAreScoredForTheTeamAndTheTechnician()
    {
        var team = await NewTeamAsync("Valorado");
        var pleased = await ResolvedTicketAsync(team, "medium");
        var displeased = await ResolvedTicketAsync(team, "medium");
        await ResolvedTicketAsync(team, "medium");
        Assert.Equal(200, (int)(await World.User.PostAsJsonAsync($"api/tickets/{pleased}/satisfaction", new { rating = "good" })).StatusCode);
        Assert.Equal(200, (int)(await World.User.PostAsJsonAsync($"api/tickets/{displeased}/satisfaction", new { rating = "bad", comment = "Tardó." })).StatusCode);

        var satisfaction = (await SummaryAsync($"teamId={team}")).GetProperty("satisfaction");

        Assert.Equal((1L, 1L, 0.5), (satisfaction.GetProperty("good").GetInt64(), satisfaction.GetProperty("bad").GetInt64(), satisfaction.GetProperty("score").GetDouble()));
        var byTeam = Assert.Single(satisfaction.GetProperty("byTeam").EnumerateArray());
        Assert.Equal((team, 0.5), (byTeam.Str("id"), byTeam.GetProperty("score").GetDouble()));
        Assert.Equal(World.TechnicianId, Assert.Single(satisfaction.GetProperty("byAssignee").EnumerateArray()).Str("id"));
    }

    [Fact]
    public async Task TheTeamFilterNarrowsTheReportToThatTeam()
    {
        var team = await NewTeamAsync("Filtro");
        await ResolvedTicketAsync(team, "medium");
        await World.User.CreateTicketAsync("De ningún equipo");

        var summary = await SummaryAsync($"teamId={team}");

        Assert.Equal((1L, 0L), Counts(summary.GetProperty("slaCompliance").GetProperty("overall")));
        Assert.Equal(1.0, summary.GetProperty("slaCompliance").GetProperty("overall").GetProperty("rate").GetDouble());
        Assert.Equal(1, summary.GetProperty("firstResponse").GetProperty("count").GetInt64());
        Assert.Equal(1, summary.GetProperty("createdVsResolved").EnumerateArray().Sum(d => d.GetProperty("created").GetInt64()));
        Assert.Equal(30, summary.GetProperty("createdVsResolved").GetArrayLength());
        Assert.Equal(["lt_1d", "1_3d", "3_7d", "7_30d", "gt_30d"], summary.GetProperty("backlogByAge").EnumerateArray().Select(b => b.Str("band")));
    }

    [Fact]
    public async Task TheCsvIsAUtf8AttachmentWithABomAndNeutralisedCells()
    {
        var team = await NewTeamAsync("=SUMA(A1)");
        await ResolvedTicketAsync(team, "medium");

        using var response = await World.Technician.GetAsync($"api/reports/summary.csv?teamId={team}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("section,key,name,measure,value\r\n", text);
        Assert.Contains($"sla_by_team,{team},'=SUMA(A1)", text);
        Assert.Contains($"filter,team_id,,id,{team}\r\n", text);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=ayer", "to")]
    [InlineData("from=2026-03-10&to=2026-03-01", "from")]
    [InlineData("from=2024-01-01&to=2026-01-01", "from")]
    public async Task BadFiltersAreA400NamingTheField(string query, string field)
    {
        var problem = await (await World.Technician.GetAsync($"api/reports/summary?{query}")).ProblemAsync(400);

        Assert.Equal([field], problem.FieldErrors());
    }

    [Fact]
    public async Task ATooLongTeamIdIsA400NamingIt()
    {
        var problem = await (await World.Technician.GetAsync($"api/reports/summary.csv?teamId={new string('x', 101)}")).ProblemAsync(400);

        Assert.Equal(["teamId"], problem.FieldErrors());
    }
}
