using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Sla;

/// <summary>
/// The chain of SLA checks (<see cref="SlaSchedule"/>): one waiting at a time, run here as the host runs it — each check at
/// its instant through <see cref="Ticket.CheckSla"/>, the next one planned with a recorded change or sent after an empty
/// one, and the changes people make in between planned as the routes plan them.
/// </summary>
public sealed class SlaScheduleTests
{
    // Critical: first response 1 h (warning 45 min), resolution 4 h (warning 3 h), 24×7; warning at 75 %.
    private static readonly TicketRules Rules = Build.Rules();

    private static Ticket Critical() =>
        Build.NewTicket("critical", rules: Rules) with { Assignee = new Assignee(Build.Technician.Id, Build.Technician.Name) };

    private static SlaCheckMessage Read(OutboxMessage message)
    {
        Assert.Equal(QueueNames.SlaChecks, message.Queue);
        var check = JsonSerializer.Deserialize<SlaCheckMessage>(message.Body, Json.Options)!;
        Assert.Equal(check.At, message.VisibleAt);
        return check;
    }

    private static (SlaTargetKind, SlaCheckPoint, DateTimeOffset) Point(SlaCheckMessage check) => (check.Target, check.Point, check.At);

    /// <summary>What one check did: the point it was for, what it recorded, and how the next one was scheduled.</summary>
    private sealed record Ran(SlaCheckMessage Check, IReadOnlyList<TicketEventType> Recorded, string Next);

    /// <summary>
    /// Runs the ticket's checks from its creation until none waits; <paramref name="people"/> are changes made at their
    /// instants in between, whose planned checks join the waiting ones. Returns every check run, in order.
    /// </summary>
    private static List<Ran> Run(Ticket ticket, params (DateTimeOffset At, Func<Ticket, DateTimeOffset, Ticket> Change)[] people)
    {
        var waiting = SlaSchedule.Plan(null, ticket, Build.Start).Select(Read).ToList();
        var pending = people.OrderBy(p => p.At).ToList();
        var ran = new List<Ran>();
        while ((waiting.Count > 0 || pending.Count > 0) && ran.Count < 20)
        {
            var nextAt = waiting.Count > 0 ? waiting.Min(c => c.At) : DateTimeOffset.MaxValue;
            foreach (var person in pending.TakeWhile(p => p.At <= nextAt).ToList())
            {
                var changed = person.Change(ticket, person.At);
                waiting.AddRange(SlaSchedule.Plan(ticket, changed, person.At).Select(Read));
                ticket = changed;
                pending.Remove(person);
            }

            if (waiting.Count == 0) continue;
            var check = waiting.MinBy(c => c.At)!;
            waiting.Remove(check);
            var change = ticket.CheckSla(check, Rules, check.At);
            if (change.IsEmpty)
            {
                var next = SlaSchedule.After(ticket, check);
                if (next is not null) waiting.Add(next);
                ran.Add(new Ran(check, [], next is null ? "none" : "sent"));
            }
            else
            {
                var planned = SlaSchedule.Plan(ticket, change.Ticket, check.At).Select(Read).ToList();
                waiting.AddRange(planned);
                ran.Add(new Ran(check, change.Events.Select(e => e.Type).ToList(), planned.Count == 0 ? "none" : "planned"));
                ticket = change.Ticket;
            }
        }

        return ran;
    }

    [Fact]
    public void CreatingATicketSchedulesOnlyItsEarliestPoint()
    {
        var ticket = Critical();

        var check = Read(Assert.Single(SlaSchedule.Plan(null, ticket, Build.Start)));

        Assert.Equal((SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, Build.Start.AddMinutes(45), ticket.Sla.Generation),
            (check.Target, check.Point, check.At, check.Generation));
    }

    [Fact]
    public void AnUntouchedTicketIsCheckedAtEachOfItsFourPointsInOrderOneMessageEach()
    {
        var ran = Run(Critical());

        Assert.Equal(
            [
                (SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, Build.Start.AddMinutes(45)),
                (SlaTargetKind.FirstResponse, SlaCheckPoint.Due, Build.Start.AddHours(1)),
                (SlaTargetKind.Resolution, SlaCheckPoint.Warning, Build.Start.AddHours(3)),
                (SlaTargetKind.Resolution, SlaCheckPoint.Due, Build.Start.AddHours(4)),
            ],
            ran.Select(r => Point(r.Check)));
        Assert.Equal(
            [
                [TicketEventType.SlaWarning], [TicketEventType.SlaBreached, TicketEventType.Escalated],
                [TicketEventType.SlaWarning], [TicketEventType.SlaBreached, TicketEventType.Escalated],
            ],
            ran.Select(r => r.Recorded));
        Assert.Equal(["planned", "planned", "planned", "none"], ran.Select(r => r.Next));
    }

    [Fact]
    public void AFirstResponseInTimeHandsTheChainToTheResolutionAtTheCheckThatWasWaiting()
    {
        var ran = Run(Critical(), (Build.Start.AddMinutes(10), Answer));

        Assert.Equal(
            [
                (SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, Build.Start.AddMinutes(45)),
                (SlaTargetKind.Resolution, SlaCheckPoint.Warning, Build.Start.AddHours(3)),
                (SlaTargetKind.Resolution, SlaCheckPoint.Due, Build.Start.AddHours(4)),
            ],
            ran.Select(r => Point(r.Check)));
        Assert.Equal(["sent", "planned", "none"], ran.Select(r => r.Next));
        Assert.Empty(ran[0].Recorded);
    }

    [Fact]
    public void AResolvedTicketEndsItsChainAtTheNextCheck()
    {
        var ran = Run(Critical(), (Build.Start.AddMinutes(10), Answer), (Build.Start.AddHours(2), Resolve));

        Assert.Equal(2, ran.Count);
        Assert.Equal((SlaTargetKind.Resolution, SlaCheckPoint.Warning, Build.Start.AddHours(3)), Point(ran[1].Check));
        Assert.Equal((0, "none"), (ran[1].Recorded.Count, ran[1].Next));
    }

    [Fact]
    public void APriorityChangeStartsANewChainAndTheOldOneEndsAtItsNextCheck()
    {
        // Lowered to low at 30 min: the new clock's first point is its first response warning (24 h × 75 %, from creation).
        var ran = Run(Critical(), (Build.Start.AddMinutes(30), (t, at) => t.Edit(Build.Admin, new UpdateTicketRequest(Priority: "low"), Rules, at).Ok().Ticket));

        Assert.Equal((SlaCheckPoint.Warning, 1, "none"), (ran[0].Check.Point, ran[0].Check.Generation, ran[0].Next));
        Assert.Empty(ran[0].Recorded);
        Assert.All(ran.Skip(1), r => Assert.Equal(2, r.Check.Generation));
        Assert.Equal(4, ran.Count(r => r.Recorded.Count > 0));
        Assert.Equal(5, ran.Count);
    }

    [Fact]
    public void AClockOnHoldWaitsAndItsChainStartsAgainWhenItResumes()
    {
        // Taken at 20 min (the first response), on hold from 30 min to 2 h.
        var ran = Run(Critical(),
            (Build.Start.AddMinutes(20), (t, at) => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Rules, at).Ok().Ticket),
            (Build.Start.AddMinutes(30), (t, at) => t.ChangeStatus(Build.Technician, TicketStatus.OnHold, "Esperando al proveedor.", Rules, at).Ok().Ticket),
            (Build.Start.AddHours(2), (t, at) => t.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Rules, at).Ok().Ticket));

        // The check that came during the pause ends the old chain; the resumed clock's points moved by the 1.5 h paused.
        Assert.Equal((SlaCheckPoint.Warning, Build.Start.AddMinutes(45), "none"), (ran[0].Check.Point, ran[0].Check.At, ran[0].Next));
        Assert.Equal(
            [
                (SlaTargetKind.Resolution, SlaCheckPoint.Warning, Build.Start.AddMinutes(270)),
                (SlaTargetKind.Resolution, SlaCheckPoint.Due, Build.Start.AddMinutes(330)),
            ],
            ran.Skip(1).Select(r => Point(r.Check)));
        Assert.All(ran.Skip(1), r => Assert.NotEmpty(r.Recorded));
    }

    [Fact]
    public void AWarningThatArrivesAfterItsDueTimeGoesOnToTheDueCheck()
    {
        var ticket = Critical();
        var warning = new SlaCheckMessage(ticket.Id, SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, ticket.Sla.FirstResponseWarningAt!.Value, ticket.Sla.Generation);

        Assert.True(ticket.CheckSla(warning, Rules, ticket.Sla.FirstResponseDueAt.AddMinutes(1)).IsEmpty);
        var next = SlaSchedule.After(ticket, warning);

        Assert.Equal((SlaTargetKind.FirstResponse, SlaCheckPoint.Due, ticket.Sla.FirstResponseDueAt), Point(next!));
    }

    [Fact]
    public void ASecondDeliveryOfAHandledPointStartsNoSecondChain()
    {
        var ticket = Critical();
        var warning = new SlaCheckMessage(ticket.Id, SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, ticket.Sla.FirstResponseWarningAt!.Value, ticket.Sla.Generation);
        var due = warning with { Point = SlaCheckPoint.Due, At = ticket.Sla.FirstResponseDueAt };

        var warned = ticket.CheckSla(warning, Rules, warning.At).Ticket;
        var breached = warned.CheckSla(due, Rules, due.At).Ticket;

        Assert.Null(SlaSchedule.After(warned, warning));
        Assert.Null(SlaSchedule.After(breached, due));
        Assert.Null(SlaSchedule.After(breached, warning));
    }

    [Fact]
    public void ACheckOfAnEarlierClockStartsNothing()
    {
        var ticket = Critical();
        var stale = new SlaCheckMessage(ticket.Id, SlaTargetKind.FirstResponse, SlaCheckPoint.Warning, ticket.Sla.FirstResponseWarningAt!.Value, ticket.Sla.Generation);
        var raised = ticket.Edit(Build.Admin, new UpdateTicketRequest(Priority: "high"), Rules, Build.Start.AddMinutes(1)).Ok().Ticket;

        Assert.Null(SlaSchedule.After(raised, stale));
    }

    [Fact]
    public void AChangeThatLeavesTheClockAloneSchedulesNothing()
    {
        var ticket = Critical();
        var commented = ticket.AddComment(Build.Requester, "c1", new CommentRequest("Más datos."), Rules, Build.Start.AddMinutes(5)).Ok();

        Assert.Empty(SlaSchedule.Plan(ticket, commented.Ticket, Build.Start.AddMinutes(5)));
    }

    private static Ticket Answer(Ticket ticket, DateTimeOffset at) =>
        ticket.AddComment(Build.Technician, "c1", new CommentRequest("Voy para allá."), Rules, at).Ok().Ticket;

    private static Ticket Resolve(Ticket ticket, DateTimeOffset at)
    {
        var working = ticket.Status == TicketStatus.Open ? ticket.ChangeStatus(Build.Technician, TicketStatus.InProgress, null, Rules, at).Ok().Ticket : ticket;
        return working.ChangeStatus(Build.Technician, TicketStatus.Resolved, "Cambiado el disco.", Rules, at).Ok().Ticket;
    }
}
