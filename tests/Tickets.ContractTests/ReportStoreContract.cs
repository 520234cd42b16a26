using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tickets.Reports;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>
/// Reports over the per-ticket projection the store writes with each ticket: a known set of tickets on a Monday–Friday
/// 09:00–17:00 calendar, played through the aggregate, gives known business-minute percentiles, compliance by team,
/// per-day counts, backlog bands and reopen rate, whatever the store.
/// </summary>
public abstract class ReportStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly Actor Requester = new("requester-r", "Rosa Requirente", Role.User, "Compras");
    private static readonly Actor Technician = new("tech-r", "Teo Técnico", Role.Technician, "Soporte");
    private static readonly Actor Admin = new("admin-r", "Ada Admin", Role.Admin, "Sistemas");
    private static readonly TicketTeam Red = new("team-red", "Redes");
    private static readonly TicketTeam Desk = new("team-desk", "Puesto de trabajo");

    /// <summary>Medium tickets run on working hours, Monday to Friday, 09:00–17:00 UTC; first response due within 8 working hours.</summary>
    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions
    {
        Calendar = new SlaCalendarOptions { TimeZone = "UTC", WorkingDays = "Monday,Tuesday,Wednesday,Thursday,Friday", WorkingHours = "09:00-17:00" },
        Medium = new SlaTarget { FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromHours(72), Calendar = "business" },
    })));

    private ITicketStore Tickets => Get<ITicketStore>();

    private async Task<ReportSummary> SummaryAsync(ReportParameters parameters)
    {
        using var scope = Services.CreateScope();
        var answer = await scope.ServiceProvider.GetRequiredService<ReportService>().SummaryAsync(parameters, CancellationToken.None);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        return answer.Value;
    }

    private static long _number = 5000;

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    private static Ticket Open(string title, TicketTeam team, DateTimeOffset at) =>
        Ticket.Create(Guid.NewGuid().ToString("N"), Interlocked.Increment(ref _number), new CreateTicketRequest(title, "Descripción.", "medium"),
            Requester, Rules, at).Value.Ticket
            .Then(t => t.MoveToTeam(Admin, team, at))
            .Then(t => t.Assign(Admin, new Assignee(Technician.Id, Technician.Name), at));

    private static Ticket Answer(Ticket t, DateTimeOffset at) => t.Then(x => x.ChangeStatus(Technician, TicketStatus.InProgress, null, Rules, at));

    private static Ticket Resolve(Ticket t, DateTimeOffset at) => t.Then(x => x.ChangeStatus(Technician, TicketStatus.Resolved, "Hecho.", Rules, at));

    /// <summary>
    /// Five tickets (2026-03-06 is a Friday): first responses of 120 (across the weekend), 30, 60, 540 (late) and 10
    /// business minutes; resolutions of 240, 120 and 60 (the last after a reopening).
    /// </summary>
    private async Task<IReadOnlyList<Ticket>> WriteSceneAsync()
    {
        var acrossWeekend = Resolve(Answer(Open("Impresora", Desk, At(6, 16)), At(9, 10)), At(9, 12));
        var quick = Resolve(Answer(Open("Ratón", Desk, At(9, 9)), At(9, 9, 30)), At(9, 11));
        var waiting = Answer(Open("VPN", Red, At(9, 9)), At(9, 10));
        var late = Answer(Open("Wifi", Red, At(9, 9)), At(10, 10));
        var reopened = Resolve(Answer(Open("Teclado", Desk, At(9, 9)), At(9, 9, 10)), At(9, 9, 40))
            .Then(t => t.ChangeStatus(Requester, TicketStatus.InProgress, "Sigue fallando.", Rules, At(9, 9, 50)));
        reopened = Resolve(reopened, At(9, 10));
        IReadOnlyList<Ticket> scene = [acrossWeekend, quick, waiting, late, reopened];
        foreach (var ticket in scene) Assert.NotNull(await Tickets.CreateAsync(new TicketChange(ticket, [])));
        Time.SetUtcNow(At(12, 9));
        return scene;
    }

    [StoreFact]
    public async Task MediansAndPercentilesAreInBusinessMinutes()
    {
        await WriteSceneAsync();

        var summary = await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10"));

        Assert.Equal(new MinutesFigure(60, 540, 5), summary.FirstResponse);
        Assert.Equal(new MinutesFigure(120, 240, 3), summary.Resolution);
    }

    [StoreFact]
    public async Task ComplianceCountsTicketsWithBothTargetsKnownByTeamAndPriority()
    {
        await WriteSceneAsync();

        var compliance = (await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10"))).SlaCompliance;

        Assert.Equal(new ComplianceFigure(3, 1, 0.75), compliance.Overall);
        Assert.Equal(
            [new TeamCompliance("team-desk", "Puesto de trabajo", 3, 0, 1), new TeamCompliance("team-red", "Redes", 0, 1, 0)],
            compliance.ByTeam);
        Assert.Equal([new PriorityCompliance(Priority.Medium, 3, 1, 0.75)], compliance.ByPriority);
        Assert.Equal([new AssigneeCompliance("tech-r", "Teo Técnico", 3, 1, 0.75)], compliance.ByAssignee);
    }

    [StoreFact]
    public async Task CreatedAndResolvedAreCountedPerDayAndReopensOfTheResolved()
    {
        await WriteSceneAsync();

        var summary = await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10"));

        Assert.Equal([(1L, 0L), (0, 0), (0, 0), (4, 3), (0, 0)], summary.CreatedVsResolved.Select(d => (d.Created, d.Resolved)));
        Assert.Equal(new DateOnly(2026, 3, 9), summary.CreatedVsResolved[3].Date);
        Assert.Equal(new ReopenFigure(3, 1, 0.3333), summary.ReopenRate);
    }

    [StoreFact]
    public async Task BacklogIsOpenWorkByAgeWithinTheFilters()
    {
        await WriteSceneAsync();

        var all = await SummaryAsync(new ReportParameters());
        var red = await SummaryAsync(new ReportParameters(TeamId: "team-red"));
        var desk = await SummaryAsync(new ReportParameters(TeamId: "team-desk"));

        Assert.Equal([0L, 0, 2, 0, 0], all.BacklogByAge.Select(b => b.Count));
        Assert.Equal([0L, 0, 2, 0, 0], red.BacklogByAge.Select(b => b.Count));
        Assert.All(desk.BacklogByAge, b => Assert.Equal(0, b.Count));
    }

    [StoreFact]
    public async Task TheTeamFilterNarrowsEveryFigure()
    {
        await WriteSceneAsync();

        var red = await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10", TeamId: "team-red"));

        Assert.Equal(new MinutesFigure(60, 540, 2), red.FirstResponse);
        Assert.Equal(new MinutesFigure(null, null, 0), red.Resolution);
        Assert.Equal(new ComplianceFigure(0, 1, 0), red.SlaCompliance.Overall);
        Assert.Equal(2, red.CreatedVsResolved.Sum(d => d.Created));
    }

    [StoreFact]
    public async Task SatisfactionCountsEachTicketsLatestRatingOverallByTeamAndByAssignee()
    {
        var scene = await WriteSceneAsync();
        async Task RateAsync(Ticket ticket, SatisfactionRating rating)
        {
            var stored = (await Tickets.FindAsync(ticket.Id))!;
            Assert.NotNull(await Tickets.SaveAsync(stored.Rate(Requester, rating, comment: null, Time.GetUtcNow()).Value, stored.ETag));
        }

        await RateAsync(scene[0], SatisfactionRating.Good);
        await RateAsync(scene[1], SatisfactionRating.Bad);
        await RateAsync(scene[4], SatisfactionRating.Good);

        var satisfaction = (await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10"))).Satisfaction;
        var red = (await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10", TeamId: "team-red"))).Satisfaction;

        Assert.Equal((2L, 1L, (double?)0.6667), (satisfaction.Good, satisfaction.Bad, satisfaction.Score));
        Assert.Equal([new GroupSatisfaction("team-desk", "Puesto de trabajo", 2, 1, 0.6667)], satisfaction.ByTeam);
        Assert.Equal([new GroupSatisfaction("tech-r", "Teo Técnico", 2, 1, 0.6667)], satisfaction.ByAssignee);
        Assert.Equal((0L, 0L, (double?)null), (red.Good, red.Bad, red.Score));
    }

    [StoreFact]
    public async Task ADeletedTicketLeavesTheReport()
    {
        var scene = await WriteSceneAsync();
        var waiting = (await Tickets.FindAsync(scene[2].Id))!;
        var deleted = waiting.Delete(Admin, At(12, 9)).Value;

        Assert.NotNull(await Tickets.SaveAsync(deleted, waiting.ETag));

        var summary = await SummaryAsync(new ReportParameters("2026-03-06", "2026-03-10"));
        Assert.Equal(4, summary.FirstResponse.Count);
        Assert.Equal([0L, 0, 1, 0, 0], summary.BacklogByAge.Select(b => b.Count));
    }
}
