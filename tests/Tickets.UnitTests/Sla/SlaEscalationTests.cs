using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Sla;

/// <summary>The escalation rules on the aggregate and who hears about them — on a fake clock. The checks a change schedules: <see cref="SlaScheduleTests"/>.</summary>
public sealed class SlaEscalationTests
{
    // Critical: first response 1 h, resolution 4 h, 24×7; warning at 75 %.
    private static readonly TicketRules Rules = Build.Rules();
    private static readonly TicketRules Raising = Build.Rules(new SlaOptions { RaisePriorityOnBreach = true });

    private static Ticket Critical(bool assigned = true) =>
        Build.NewTicket("critical", rules: Rules) with { Assignee = assigned ? new Assignee(Build.Technician.Id, Build.Technician.Name) : null };

    private static SlaCheckMessage Check(Ticket t, SlaCheckPoint point, SlaTargetKind target = SlaTargetKind.FirstResponse) =>
        new(t.Id, target, point, point == SlaCheckPoint.Warning ? t.Sla.FirstResponseWarningAt!.Value : t.Sla.FirstResponseDueAt, t.Sla.Generation);

    private static List<TicketEventType> Types(TicketChange change) => change.Events.Select(e => e.Type).ToList();

    [Fact]
    public void WarningPointRecordsOneWarning()
    {
        var ticket = Critical();
        var at = ticket.Sla.FirstResponseWarningAt!.Value;

        var warned = ticket.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, at);

        Assert.Equal([TicketEventType.SlaWarning], Types(warned));
        Assert.Null(warned.Events[0].Actor);
        Assert.True(warned.Ticket.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, at.AddSeconds(1)).IsEmpty);
    }

    [Fact]
    public void DueTimeBreachesEscalatesOnceAndRunningItTwiceChangesNothing()
    {
        var ticket = Critical();
        var due = ticket.Sla.FirstResponseDueAt;

        var breached = ticket.CheckSla(Check(ticket, SlaCheckPoint.Due), Rules, due);
        var again = breached.Ticket.CheckSla(Check(ticket, SlaCheckPoint.Due), Rules, due.AddSeconds(2));

        Assert.Equal([TicketEventType.SlaBreached, TicketEventType.Escalated], Types(breached));
        Assert.Equal((true, 1, Priority.Critical), (breached.Ticket.Sla.FirstResponseBreached, breached.Ticket.Sla.EscalationLevel, breached.Ticket.Priority));
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public void AnEarlyCheckChangesNothing()
    {
        var ticket = Critical();

        Assert.True(ticket.CheckSla(Check(ticket, SlaCheckPoint.Due), Rules, ticket.Sla.FirstResponseDueAt.AddSeconds(-1)).IsEmpty);
        Assert.True(ticket.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, ticket.Sla.FirstResponseWarningAt!.Value.AddSeconds(-1)).IsEmpty);
    }

    [Fact]
    public void ATicketAnsweredInTimeGetsNeitherWarningNorBreachForTheFirstResponse()
    {
        var ticket = Critical();
        var answered = ticket.AddComment(Build.Technician, "c1", new CommentRequest("Voy."), Rules, Build.Start.AddMinutes(10)).Ok().Ticket;

        Assert.True(answered.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, ticket.Sla.FirstResponseWarningAt!.Value).IsEmpty);
        Assert.True(answered.CheckSla(Check(ticket, SlaCheckPoint.Due), Rules, ticket.Sla.FirstResponseDueAt).IsEmpty);
    }

    [Fact]
    public void ACheckFromAnEarlierClockIsStale()
    {
        var ticket = Critical();
        var stale = Check(ticket, SlaCheckPoint.Due);
        var reprioritised = ticket.Edit(Build.Admin, new UpdateTicketRequest(Priority: "high"), Rules, Build.Start.AddMinutes(1)).Ok().Ticket;

        Assert.True(reprioritised.CheckSla(stale, Rules, ticket.Sla.FirstResponseDueAt).IsEmpty);
    }

    [Theory]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void APausedOrFinishedTicketIsNotEscalated(TicketStatus status)
    {
        var ticket = Critical() with { Status = status, Sla = Critical().Sla with { PausedAt = status == TicketStatus.OnHold ? Build.Start : null } };

        Assert.True(ticket.CheckSla(Check(Critical(), SlaCheckPoint.Due), Rules, Build.Start.AddHours(2)).IsEmpty);
    }

    [Fact]
    public void WithRaisePriorityOnBreachABreachRaisesThePriorityOneStep()
    {
        var ticket = Build.NewTicket("medium", rules: Raising);
        var check = new SlaCheckMessage(ticket.Id, SlaTargetKind.FirstResponse, SlaCheckPoint.Due, ticket.Sla.FirstResponseDueAt, ticket.Sla.Generation);

        var breached = ticket.CheckSla(check, Raising, ticket.Sla.FirstResponseDueAt);

        Assert.Equal(Priority.High, breached.Ticket.Priority);
        Assert.Contains(TicketEventType.PriorityChanged, Types(breached));
        Assert.True(breached.Ticket.Sla.FirstResponseBreached);
    }

    [Fact]
    public void WarningTellsTheAssigneeAndBreachTellsTheAssigneeAndEveryAdmin()
    {
        var ticket = Critical();
        var warned = ticket.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, ticket.Sla.FirstResponseWarningAt!.Value);
        var breached = warned.Ticket.CheckSla(Check(ticket, SlaCheckPoint.Due), Rules, ticket.Sla.FirstResponseDueAt);

        var warning = Recipients(NotificationRules.Plan(warned, null, [Build.Admin.Id]));
        var breach = Recipients(NotificationRules.Plan(breached, null, [Build.Admin.Id]));

        Assert.Equal((NotificationType.SlaWarning, Build.Technician.Id), warning);
        Assert.Equal((NotificationType.SlaBreached, $"{Build.Admin.Id},{Build.Technician.Id}"), breach);
    }

    [Fact]
    public void WarningOnAnUnassignedTicketTellsTheAdmins()
    {
        var ticket = Critical(assigned: false);
        var warned = ticket.CheckSla(Check(ticket, SlaCheckPoint.Warning), Rules, ticket.Sla.FirstResponseWarningAt!.Value);

        Assert.Equal((NotificationType.SlaWarning, Build.Admin.Id), Recipients(NotificationRules.Plan(warned, null, [Build.Admin.Id])));
    }

    [Fact]
    public void AutoCloseClosesAResolvedTicketLeftAloneAsTheSystem()
    {
        var resolved = Build.InStatus(TicketStatus.Resolved) with { UpdatedAt = Build.Start };

        var early = resolved.AutoClose(Rules, Build.Start.AddDays(7).AddSeconds(-1));
        var closed = resolved.AutoClose(Rules, Build.Start.AddDays(7));

        Assert.True(early.IsEmpty);
        Assert.Equal((TicketStatus.Closed, Build.Start.AddDays(7)), (closed.Ticket.Status, closed.Ticket.ClosedAt!.Value));
        Assert.Null(Assert.Single(closed.Events).Actor);
        Assert.Equal((NotificationType.StatusChanged, Build.Requester.Id), Recipients(NotificationRules.Plan(closed, null, [])));
    }

    [Fact]
    public void AutoCloseLeavesOtherStatusesAlone()
    {
        Assert.True((Build.InStatus(TicketStatus.InProgress) with { UpdatedAt = Build.Start }).AutoClose(Rules, Build.Start.AddDays(30)).IsEmpty);
    }

    private static (NotificationType Type, string Recipients) Recipients(IReadOnlyList<OutboxMessage> planned)
    {
        var message = JsonSerializer.Deserialize<NotificationMessage>(Assert.Single(planned).Body, Json.Options)!;
        return (message.Type, string.Join(",", message.RecipientIds.Order(StringComparer.Ordinal)));
    }
}
