using Tickets.Sla;
using Tickets.Tickets;
using Tickets.UnitTests.Sla;

namespace Tickets.UnitTests.Tickets;

/// <summary>The clock rules on the ticket with the demo's policy: critical around the clock, the rest in Madrid office hours.</summary>
public sealed class SlaOfficeHoursTests
{
    private static readonly TicketRules Rules = Office.Rules;

    private static DateTimeOffset At(string local) => Calendars.MadridTime(local);

    private static Ticket Opened(string priority, string at) =>
        Ticket.Create("t1", 1, new CreateTicketRequest("La VPN no conecta", "Error 809 desde casa.", priority), Build.Requester, Rules, At(at)).Ok().Ticket
        with { Assignee = new Assignee(Build.Technician.Id, Build.Technician.Name) };

    private static TicketChange Move(Ticket ticket, TicketStatus to, string at, Actor? actor = null) =>
        ticket.ChangeStatus(actor ?? Build.Technician, to, to == TicketStatus.Resolved ? "Hecho." : null, Rules, At(at)).Ok();

    /// <summary>Opened Monday 2 March 09:00, taken at 09:30 (the first response), worked on.</summary>
    private static Ticket MediumInProgress() => Move(Opened("medium", "2026-03-02 09:00"), TicketStatus.InProgress, "2026-03-02 09:30").Ticket;

    [Fact]
    public void DueTimesAndWarningPointsAreCountedInOfficeHours()
    {
        var sla = Opened("medium", "2026-03-02 09:00").Sla;

        Assert.Equal("business", sla.Calendar);
        Assert.Equal(At("2026-03-02 17:00"), sla.FirstResponseDueAt); // 8 h
        Assert.Equal(At("2026-03-02 15:00"), sla.FirstResponseWarningAt); // 75 %: 6 h
        Assert.Equal(At("2026-03-11 18:00"), sla.ResolutionDueAt); // 72 h: eight working days
        Assert.Equal(At("2026-03-09 18:00"), sla.ResolutionWarningAt); // 54 h: six working days
    }

    [Fact]
    public void CriticalRunsAroundTheClockWhileTheOthersKeepOfficeHours()
    {
        var sla = Opened("critical", "2026-03-06 17:30").Sla; // a Friday, half an hour before closing

        Assert.Equal("24x7", sla.Calendar);
        Assert.Equal(At("2026-03-06 18:30"), sla.FirstResponseDueAt);
        Assert.Equal(At("2026-03-06 18:15"), sla.FirstResponseWarningAt);
        Assert.Equal(At("2026-03-06 21:30"), sla.ResolutionDueAt);
    }

    [Fact]
    public void ANightOnHoldMovesTheDueTimesByTheWorkingTimeThatPassedOnly()
    {
        var paused = Move(MediumInProgress(), TicketStatus.OnHold, "2026-03-02 17:00").Ticket;

        var resumed = Move(paused, TicketStatus.InProgress, "2026-03-03 10:00"); // 17:00–18:00 and 09:00–10:00: 2 h

        Assert.Equal(At("2026-03-12 11:00"), resumed.Ticket.Sla.ResolutionDueAt);
        Assert.Equal(At("2026-03-10 11:00"), resumed.Ticket.Sla.ResolutionWarningAt);
        Assert.Equal(120, Assert.Single(resumed.Events, e => e.Type == TicketEventType.SlaResumed).Data.GetProperty("pausedMinutes").GetInt64());
    }

    [Fact]
    public void AWeekendOnHoldMovesNothing()
    {
        var ticket = MediumInProgress();
        var paused = Move(ticket, TicketStatus.OnHold, "2026-03-06 18:30").Ticket;

        var resumed = Move(paused, TicketStatus.InProgress, "2026-03-09 08:45").Ticket;

        Assert.Equal(ticket.Sla.ResolutionDueAt, resumed.Sla.ResolutionDueAt);
        Assert.Null(resumed.Sla.PausedAt);
    }

    [Fact]
    public void APauseAfterTheWarningPointMovesTheDueTimeButNotTheWarning()
    {
        var paused = Move(MediumInProgress(), TicketStatus.OnHold, "2026-03-10 10:00").Ticket; // warned on Monday 9 at 18:00

        var resumed = Move(paused, TicketStatus.InProgress, "2026-03-10 12:00").Ticket;

        Assert.Equal(At("2026-03-09 18:00"), resumed.Sla.ResolutionWarningAt);
        Assert.Equal(At("2026-03-12 11:00"), resumed.Sla.ResolutionDueAt);
    }

    [Fact]
    public void PriorityChangeMeasuresTheNewTargetsFromCreationLessTimeOnHold()
    {
        var ticket = Move(MediumInProgress(), TicketStatus.OnHold, "2026-03-02 10:00").Ticket;
        ticket = Move(ticket, TicketStatus.InProgress, "2026-03-02 12:00").Ticket;

        var raised = ticket.Edit(Build.Technician, new UpdateTicketRequest(Priority: "high"), Rules, At("2026-03-02 13:00")).Ok();

        // 24 business hours + the 2 on hold from Monday 09:00: Monday 9 h, Tuesday 9 h, Wednesday 8 h.
        Assert.Equal(At("2026-03-04 17:00"), raised.Ticket.Sla.ResolutionDueAt);
        Assert.Equal(ticket.Sla.FirstResponseDueAt, raised.Ticket.Sla.FirstResponseDueAt); // already answered: its outcome stands
        var recorded = Assert.Single(raised.Events, e => e.Type == TicketEventType.PriorityChanged).Data;
        Assert.Equal(("medium", "high"), (recorded.GetProperty("before").GetString(), recorded.GetProperty("after").GetString()));
        Assert.Equal(At("2026-03-04 17:00"), recorded.GetProperty("resolutionDueAt").GetDateTimeOffset());
    }

    [Fact]
    public void RaisingToCriticalMovesTheClockToRoundTheClockAndRemeasuresThePauseOnIt()
    {
        var ticket = Move(MediumInProgress(), TicketStatus.OnHold, "2026-03-02 10:00").Ticket;
        ticket = Move(ticket, TicketStatus.InProgress, "2026-03-03 10:00").Ticket; // 9 business hours, 24 real ones

        var raised = ticket.Edit(Build.Admin, new UpdateTicketRequest(Priority: "critical"), Rules, At("2026-03-03 11:00")).Ok().Ticket;

        Assert.Equal("24x7", raised.Sla.Calendar);
        Assert.Equal(At("2026-03-03 13:00"), raised.Sla.ResolutionDueAt); // creation + 4 h + 24 h on hold
    }

    [Fact]
    public void ReopeningRestartsTheResolutionClockWithTheFullTargetAndClearsTheBreach()
    {
        var resolvedLate = Move(MediumInProgress(), TicketStatus.Resolved, "2026-03-13 10:00").Ticket; // due on the 11th
        Assert.True(resolvedLate.Sla.ResolutionBreached);

        var reopened = Move(resolvedLate, TicketStatus.InProgress, "2026-03-16 12:00", Build.Requester);

        Assert.Equal(At("2026-03-26 12:00"), reopened.Ticket.Sla.ResolutionDueAt); // 72 business hours from the reopening
        Assert.Equal(At("2026-03-16 12:00"), reopened.Ticket.Sla.ResolutionRestartedAt);
        Assert.False(reopened.Ticket.Sla.ResolutionBreached);
        var restart = Assert.Single(reopened.Events, e => e.Type == TicketEventType.SlaStarted).Data;
        Assert.Equal(("reopened", "resolution"), (restart.GetProperty("reason").GetString(), restart.GetProperty("target").GetString()));
    }

    [Fact]
    public void ReopeningAClosedTicketRestartsTheResolutionClockToo()
    {
        var ticket = Move(MediumInProgress(), TicketStatus.Resolved, "2026-03-03 10:00").Ticket;
        ticket = Move(ticket, TicketStatus.Closed, "2026-03-04 10:00", Build.Requester).Ticket;

        var reopened = Move(ticket, TicketStatus.Open, "2026-03-20 17:00", Build.Admin).Ticket; // a Friday

        Assert.Equal(At("2026-04-01 17:00"), reopened.Sla.ResolutionDueAt); // across the spring change
        Assert.Null(reopened.ClosedAt);
    }

    [Fact]
    public void TheGenerationRisesWhenTheDueTimesChangeAndOnlyThen()
    {
        var created = Opened("medium", "2026-03-02 09:00");
        var answered = created.AddComment(Build.Technician, "c1", new CommentRequest("Lo miro."), Rules, At("2026-03-02 09:10")).Ok().Ticket;
        var working = Move(answered, TicketStatus.InProgress, "2026-03-02 09:20").Ticket;
        var paused = Move(working, TicketStatus.OnHold, "2026-03-02 10:00").Ticket;
        var resumed = Move(paused, TicketStatus.InProgress, "2026-03-02 11:00").Ticket;
        var raised = resumed.Edit(Build.Admin, new UpdateTicketRequest(Priority: "high"), Rules, At("2026-03-02 12:00")).Ok().Ticket;
        var resolved = Move(raised, TicketStatus.Resolved, "2026-03-02 13:00").Ticket;
        var reopened = Move(resolved, TicketStatus.InProgress, "2026-03-02 14:00", Build.Requester).Ticket;

        Assert.Equal([1, 1, 1, 1, 2, 3, 3, 4], new[] { created, answered, working, paused, resumed, raised, resolved, reopened }.Select(t => t.Sla.Generation));
    }
}

/// <summary>The demo's SLA settings: Madrid office hours on working days, critical around the clock.</summary>
internal static class Office
{
    public static SlaOptions Settings()
    {
        var sla = new SlaOptions { Calendar = { TimeZone = "Europe/Madrid" } };
        sla.High.Calendar = sla.Medium.Calendar = sla.Low.Calendar = "business";
        return sla;
    }

    public static TicketRules Rules { get; } = Build.Rules(Settings());

    public static SlaPolicy Policy => Rules.Sla;
}
