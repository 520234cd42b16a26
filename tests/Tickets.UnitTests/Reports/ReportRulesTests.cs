using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Reports;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.UnitTests.Sla;
using Tickets.UnitTests.Tickets;
using Tickets.Users;

namespace Tickets.UnitTests.Reports;

/// <summary>What reports count, on the demo's policy: medium in Madrid office hours (Monday–Friday 09:00–18:00), critical around the clock.</summary>
public sealed class ReportRulesTests
{
    private static DateTimeOffset At(string local) => Calendars.MadridTime(local);

    private static Ticket Opened(string priority, string at) =>
        Ticket.Create("t1", 1, new CreateTicketRequest("La VPN no conecta", "Error 809 desde casa.", priority), Build.Requester, Office.Rules, At(at)).Ok().Ticket
        with { Assignee = new Assignee(Build.Technician.Id, Build.Technician.Name) };

    private static Ticket Move(Ticket ticket, TicketStatus to, string at, Actor? actor = null) =>
        ticket.ChangeStatus(actor ?? Build.Technician, to, to == TicketStatus.Resolved ? "Hecho." : null, Office.Rules, At(at)).Ok().Ticket;

    [Fact]
    public void AFirstResponseAcrossTheWeekendCountsOnlyWorkingMinutes()
    {
        var answered = Move(Opened("medium", "2026-03-06 17:30"), TicketStatus.InProgress, "2026-03-09 09:30");

        Assert.Equal(60, TicketFacts.Of(answered).FirstResponseMinutes); // Friday 17:30–18:00 and Monday 09:00–09:30
    }

    [Fact]
    public void ATwentyFourSevenTicketCountsEveryMinute()
    {
        var answered = Move(Opened("critical", "2026-03-06 17:30"), TicketStatus.InProgress, "2026-03-07 10:30");

        Assert.Equal(17 * 60, TicketFacts.Of(answered).FirstResponseMinutes);
    }

    [Fact]
    public void AReopenedTicketIsMeasuredToItsLatestResolutionAndCountedAsReopened()
    {
        var resolved = Move(Move(Opened("medium", "2026-03-02 09:00"), TicketStatus.InProgress, "2026-03-02 09:30"), TicketStatus.Resolved, "2026-03-02 10:00");
        var reopened = Move(resolved, TicketStatus.InProgress, "2026-03-02 11:00", Build.Requester);
        var again = Move(reopened, TicketStatus.Resolved, "2026-03-02 12:00");

        Assert.Equal((60L, false), (TicketFacts.Of(resolved).ResolutionMinutes!.Value, TicketFacts.Of(resolved).Reopened));
        Assert.Equal((null, true, true, true), (TicketFacts.Of(reopened).ResolutionMinutes, TicketFacts.Of(reopened).Open, TicketFacts.Of(reopened).Resolved, TicketFacts.Of(reopened).Reopened));
        Assert.Equal(180, TicketFacts.Of(again).ResolutionMinutes);
    }

    [Fact]
    public void ALateFirstResponseBreaksTheTicketsSlaWhateverTheResolution()
    {
        var late = Move(Move(Opened("medium", "2026-03-02 09:00"), TicketStatus.InProgress, "2026-03-03 10:00"), TicketStatus.Resolved, "2026-03-03 11:00");

        Assert.Equal((false, true, false), (TicketFacts.Of(late).FirstResponseMet, TicketFacts.Of(late).ResolutionMet, TicketFacts.Of(late).SlaMet));
    }

    [Fact]
    public void AnOpenTicketAnsweredInTimeIsNotJudgedYet() =>
        Assert.Null(TicketFacts.Of(Move(Opened("medium", "2026-03-02 09:00"), TicketStatus.InProgress, "2026-03-02 09:30")).SlaMet);

    [Theory]
    [InlineData(new long[] { 5, 1, 3, 2, 4 }, 3L, 5L)]
    [InlineData(new long[] { 7 }, 7L, 7L)]
    [InlineData(new long[] { 10, 20, 30, 40 }, 20L, 40L)]
    public void PercentilesAreTakenByNearestRank(long[] values, long median, long p90) =>
        Assert.Equal(new Percentiles(values.Length, median, p90), Percentiles.Of(values));

    [Fact]
    public void NoMeasurementsHaveNoPercentiles() => Assert.Equal(new Percentiles(0, null, null), Percentiles.Of([]));

    [Theory]
    [InlineData(23.9, 0)]
    [InlineData(24, 1)]
    [InlineData(72, 2)]
    [InlineData(7 * 24, 3)]
    [InlineData(30 * 24, 4)]
    public void OpenWorkFallsInTheBandItsAgeHasReached(double hours, int band)
    {
        var now = At("2026-03-31 12:00");
        Assert.Equal(band, ReportFigures.BandOf(now.AddHours(-hours), now));
    }
}

public sealed class ReportServiceTests
{
    private static readonly ReportFigures Empty = new(
        new Percentiles(0, null, null), new Percentiles(0, null, null), new ComplianceCount(null, null, 0, 0), [],
        [new ComplianceCount("t1", "=HYPERLINK(\"x\")", 1, 0)], [], [0, 0, 0, 0, 0], [], 0, 0,
        new SatisfactionCount(null, null, 3, 1), [new SatisfactionCount("t1", "=Redes", 3, 1)], []);

    private static (ReportService Service, Mock<IReportStore> Store) Service(string zone = "Europe/Madrid")
    {
        var store = new Mock<IReportStore>();
        store.Setup(s => s.FiguresAsync(It.IsAny<ReportFilter>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ReportFilter f, CancellationToken _) => Empty with { Days = [.. Enumerable.Repeat(new DayFigures(0, 0), f.DayStarts.Count - 1)] });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero));
        return (new ReportService(store.Object, time, Options.Create(new UserOptions { DefaultTimeZone = zone })), store);
    }

    [Theory]
    [InlineData("2026-02-30", null, "from")]
    [InlineData(null, "31/03/2026", "to")]
    [InlineData("2026-03-10", "2026-03-01", "from")]
    [InlineData("2025-01-01", "2026-03-01", "from")]
    public async Task ABadRangeIsRefusedNamingTheField(string? from, string? to, string field)
    {
        var answer = await Service().Service.SummaryAsync(new ReportParameters(from, to), CancellationToken.None);

        Assert.Equal([field], answer.Error!.Errors!.Keys);
    }

    [Fact]
    public async Task DaysStartAtTheOrganisationsMidnightAndTheDefaultIsTheLastThirtyDaysThere()
    {
        var (service, store) = Service();

        var summary = (await service.SummaryAsync(new ReportParameters(), CancellationToken.None)).Value;

        // 22:30 UTC on 31 March is already 1 April in Madrid (summer time since 29 March).
        Assert.Equal((new DateOnly(2026, 3, 3), new DateOnly(2026, 4, 1)), (summary.From, summary.To));
        store.Verify(s => s.FiguresAsync(It.Is<ReportFilter>(f =>
            f.From == new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero) && f.To == new DateTimeOffset(2026, 4, 1, 22, 0, 0, TimeSpan.Zero)
            && f.DayStarts.Count == 31), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task TheCsvStartsWithABomAndNeutralisesFormulaCells()
    {
        var file = (await Service().Service.CsvAsync(new ReportParameters("2026-03-01", "2026-03-02"), CancellationToken.None)).Value;

        Assert.StartsWith("\uFEFFsection,key,name,measure,value\r\n", file.Text);
        Assert.Contains("sla_by_team,t1,\"'=HYPERLINK(\"\"x\"\")\",met,1\r\n", file.Text);
        Assert.Equal("report-20260301-20260302.csv", file.FileName);
    }

    [Fact]
    public async Task SatisfactionIsScoredAsGoodOverRatedOverallAndByTeamInTheSummaryAndTheCsv()
    {
        var service = Service().Service;

        var summary = (await service.SummaryAsync(new ReportParameters("2026-03-01", "2026-03-02"), CancellationToken.None)).Value;
        var file = (await service.CsvAsync(new ReportParameters("2026-03-01", "2026-03-02"), CancellationToken.None)).Value;

        Assert.Equal((3L, 1L, (double?)0.75), (summary.Satisfaction.Good, summary.Satisfaction.Bad, summary.Satisfaction.Score));
        Assert.Equal(new GroupSatisfaction("t1", "=Redes", 3, 1, 0.75), Assert.Single(summary.Satisfaction.ByTeam));
        Assert.Empty(summary.Satisfaction.ByAssignee);
        Assert.Contains("satisfaction,,,score,0.75\r\n", file.Text);
        Assert.Contains("satisfaction_by_team,t1,'=Redes,bad,1\r\n", file.Text);
    }
}
