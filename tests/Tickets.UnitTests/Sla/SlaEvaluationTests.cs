using Tickets.Sla;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Sla;

/// <summary>Where a ticket's SLA stands, as the server tells every client (Madrid office hours for medium tickets).</summary>
public sealed class SlaEvaluationTests
{
    private static readonly SlaPolicy Policy = Office.Policy;

    private static DateTimeOffset At(string local) => Calendars.MadridTime(local);

    /// <summary>Medium, opened Monday 2 March 09:00: first response due 17:00, warning at 15:00.</summary>
    private static Ticket Opened() =>
        Ticket.Create("t1", 1, new CreateTicketRequest("Sin acceso al ERP", "Da error al entrar.", "medium"), Build.Requester, Office.Rules, At("2026-03-02 09:00")).Ok().Ticket
        with { Assignee = new Assignee(Build.Technician.Id, Build.Technician.Name) };

    private static Ticket Then(Ticket ticket, TicketStatus to, string at, Actor? actor = null) =>
        ticket.ChangeStatus(actor ?? Build.Technician, to, to == TicketStatus.Resolved ? "Hecho." : null, Office.Rules, At(at)).Ok().Ticket;

    [Fact]
    public void BeforeTheWarningPointTheTicketIsOnTrack()
    {
        var status = Policy.Evaluate(Opened(), At("2026-03-02 14:59"));

        Assert.Equal((SlaCondition.OnTrack, SlaTargetKind.FirstResponse, 121L), (status.State, status.Target, status.RemainingMinutes));
        Assert.Equal((At("2026-03-02 17:00"), At("2026-03-02 15:00")), (status.DueAt, status.WarningAt));
    }

    [Theory]
    [InlineData("2026-03-02 15:00", SlaCondition.AtRisk)]
    [InlineData("2026-03-02 16:59", SlaCondition.AtRisk)]
    [InlineData("2026-03-02 17:00", SlaCondition.Breached)]
    [InlineData("2026-03-05 10:00", SlaCondition.Breached)]
    public void FromTheWarningPointItIsAtRiskAndFromTheDueTimeBreached(string at, SlaCondition expected) =>
        Assert.Equal(expected, Policy.Evaluate(Opened(), At(at)).State);

    [Fact]
    public void RemainingTimeIsInBusinessMinutesAndNegativeOnceOverdue()
    {
        Assert.Equal(60, Policy.Evaluate(Opened(), At("2026-03-02 16:00")).RemainingMinutes);
        Assert.Equal(-120, Policy.Evaluate(Opened(), At("2026-03-03 10:00")).RemainingMinutes); // two business hours late, 17 real ones
    }

    [Fact]
    public void OverAWeekendRemainingTimeDoesNotShrink()
    {
        var friday = Ticket.Create("t2", 2, new CreateTicketRequest("Impresora", "No imprime.", "medium"), Build.Requester, Office.Rules, At("2026-03-06 17:00")).Ok().Ticket;

        var saturday = Policy.Evaluate(friday, At("2026-03-07 12:00"));
        var sunday = Policy.Evaluate(friday, At("2026-03-08 23:00"));

        Assert.Equal((420L, 420L), (saturday.RemainingMinutes, sunday.RemainingMinutes));
        Assert.Equal(At("2026-03-09 16:00"), saturday.DueAt);
    }

    [Fact]
    public void OnHoldTheClockIsPausedAndTheRemainingTimeFrozen()
    {
        var onHold = Then(Then(Opened(), TicketStatus.InProgress, "2026-03-02 09:30"), TicketStatus.OnHold, "2026-03-02 12:00");

        var status = Policy.Evaluate(onHold, At("2026-03-20 12:00"));

        Assert.Equal((SlaCondition.Paused, SlaTargetKind.Resolution), (status.State, status.Target));
        Assert.Equal(72 * 60 - 3 * 60, status.RemainingMinutes);
    }

    [Fact]
    public void PutOnHoldAfterItWasDueItStaysBreached()
    {
        var late = Then(Opened(), TicketStatus.InProgress, "2026-03-02 09:30");
        var onHold = Then(late, TicketStatus.OnHold, "2026-03-12 10:00"); // resolution was due on the 11th at 18:00

        Assert.Equal(SlaCondition.Breached, Policy.Evaluate(onHold, At("2026-03-12 11:00")).State);
    }

    [Fact]
    public void ALateFirstResponseIsHistoryOnceTheResolutionClockRuns()
    {
        var answeredLate = Then(Opened(), TicketStatus.InProgress, "2026-03-03 12:00");

        var status = Policy.Evaluate(answeredLate, At("2026-03-03 12:01"));

        Assert.True(answeredLate.Sla.FirstResponseBreached);
        Assert.Equal((SlaCondition.OnTrack, SlaTargetKind.Resolution), (status.State, status.Target));
    }

    [Fact]
    public void ResolvedInTimeIsMetAndStopsCounting()
    {
        var resolved = Then(Then(Opened(), TicketStatus.InProgress, "2026-03-02 09:30"), TicketStatus.Resolved, "2026-03-04 10:00");

        var status = Policy.Evaluate(resolved, At("2026-04-30 10:00"));

        Assert.Equal((SlaCondition.Met, (long?)null), (status.State, status.RemainingMinutes));
    }

    [Fact]
    public void ResolvedLateIsBreachedForGood()
    {
        var resolved = Then(Then(Opened(), TicketStatus.InProgress, "2026-03-02 09:30"), TicketStatus.Resolved, "2026-03-12 10:00");

        Assert.Equal(SlaCondition.Breached, Policy.Evaluate(resolved, At("2026-03-12 10:01")).State);
    }

    [Fact]
    public void ReopenedTicketIsOnTrackAgainOnItsNewResolutionClock()
    {
        var resolvedLate = Then(Then(Opened(), TicketStatus.InProgress, "2026-03-02 09:30"), TicketStatus.Resolved, "2026-03-12 10:00");
        var reopened = Then(resolvedLate, TicketStatus.InProgress, "2026-03-13 09:00", Build.Requester);

        var status = Policy.Evaluate(reopened, At("2026-03-13 10:00"));

        Assert.Equal((SlaCondition.OnTrack, 72L * 60 - 60), (status.State, status.RemainingMinutes));
    }

    [Fact]
    public void TicketViewCarriesTheServerComputedCondition()
    {
        var view = TicketView.Of(Opened(), Policy.Evaluate(Opened(), At("2026-03-02 16:00")), Build.Requester);

        Assert.Equal((SlaCondition.AtRisk, 60L, At("2026-03-02 15:00")), (view.Sla.State, view.Sla.RemainingMinutes, view.Sla.WarningAt));
        Assert.Equal("business", view.Sla.Calendar);
    }
}
