using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

/// <summary>The actions a ticket offers its caller are exactly the ones that succeed.</summary>
public sealed class TicketActionsTests
{
    private static readonly Dictionary<string, Actor> Callers = new()
    {
        ["requester"] = Build.Requester,
        ["other_user"] = Build.OtherUser,
        ["assignee"] = Build.Technician,
        ["other_technician"] = Build.OtherTechnician,
        ["admin"] = Build.Admin,
    };

    public static TheoryData<TicketStatus, bool, string> EveryStatusAssignmentAndCaller()
    {
        var data = new TheoryData<TicketStatus, bool, string>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        foreach (var assigned in new[] { true, false })
        foreach (var caller in Callers.Keys)
            data.Add(status, assigned, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAssignmentAndCaller))]
    public void EveryOfferedActionSucceedsAndEveryOtherIsRefused(TicketStatus status, bool assigned, string caller)
    {
        var ticket = Build.InStatus(status, assigned);
        var actor = Callers[caller];
        var rules = Build.Rules();
        var now = Build.Start.AddHours(1);

        var offered = ticket.ActionsFor(actor);

        var succeeds = new
        {
            Edit = ticket.Edit(actor, new UpdateTicketRequest(Title: "Otro título"), rules, now).IsSuccess,
            ChangePriority = ticket.Edit(actor, new UpdateTicketRequest(Priority: "critical"), rules, now).IsSuccess,
            ChangeCategory = ticket.Edit(actor, new UpdateTicketRequest(Category: "network"), rules, now).IsSuccess,
            Delete = ticket.Delete(actor, now).IsSuccess,
            Assign = ticket.Assign(actor, new Assignee("t-third", "Tercera Técnica"), now).IsSuccess,
            TakeOrAssignSelf = ticket.Assign(actor, new Assignee(actor.Id, actor.Name), now).IsSuccess,
            ChangeTeam = ticket.MoveToTeam(actor, new TicketTeam("team-2", "Redes"), now).IsSuccess,
            Comment = ticket.AddComment(actor, "c-1", new CommentRequest("Hola"), Build.Rules(), now).IsSuccess,
            InternalNote = ticket.AddComment(actor, "c-2", new CommentRequest("Nota", Internal: true), Build.Rules(), now).IsSuccess,
            Moves = Enum.GetValues<TicketStatus>().Where(to => ticket.ChangeStatus(actor, to, "Nota del cambio.", Build.Rules(), now).IsSuccess).ToList(),
        };

        Assert.Equivalent(
            new
            {
                offered.Edit,
                offered.ChangePriority,
                offered.ChangeCategory,
                offered.Delete,
                offered.Assign,
                // Admins assign anyone, themselves included, even where taking (an unassigned ticket) is not offered.
                TakeOrAssignSelf = offered.Take || (offered.Assign && actor.IsStaff),
                offered.ChangeTeam,
                offered.Comment,
                offered.InternalNote,
                Moves = offered.Transitions.Select(t => t.Status).ToList(),
            },
            succeeds,
            strict: true);
    }

    [Fact]
    public void AnAdminMayEditDeleteCommentAndReopenAClosedTicketButNotAssignIt()
    {
        var offered = Build.InStatus(TicketStatus.Closed).ActionsFor(Build.Admin);

        Assert.Equal((true, true, true, false, "Open"),
            (offered.Edit, offered.Delete, offered.Comment, offered.Assign, string.Join(",", offered.Transitions.Select(t => t.Status))));
    }

    [Fact]
    public void ATechnicianMayTakeAResolvedTicketThatNobodyHas()
    {
        var offered = Build.InStatus(TicketStatus.Resolved, assigned: false).ActionsFor(Build.OtherTechnician);

        Assert.True(offered.Take);
    }

    [Fact]
    public void ARequesterMayNotCommentOnAClosedTicket()
    {
        var ticket = Build.InStatus(TicketStatus.Closed);

        var refused = ticket.AddComment(Build.Requester, "c-1", new CommentRequest("¿Hola?"), Build.Rules(), Build.Start);

        Assert.Equal(("ticket_closed", false), (refused.Error?.Code, ticket.ActionsFor(Build.Requester).Comment));
    }

    [Fact]
    public void ATechnicianTakingATicketAnotherJustTookIsToldWhoHasIt()
    {
        var ticket = Build.InStatus(TicketStatus.Open, assigned: true);
        var actor = Build.OtherTechnician;

        var refused = ticket.Assign(actor, new Assignee(actor.Id, actor.Name), Build.Start);

        Assert.Equal(("already_assigned", ErrorKind.Forbidden), (refused.Error?.Code, refused.Error?.Kind));
        Assert.Equal(ticket.Assignee, refused.Error?.Extensions?["assignee"]);
    }

    [Fact]
    public void TheAssigneeMayRecategoriseButNotRetitle()
    {
        var ticket = Build.InStatus(TicketStatus.InProgress, assigned: true);

        var recategorised = ticket.Edit(Build.Technician, new UpdateTicketRequest(Category: "network"), Build.Rules(), Build.Start);
        var retitled = ticket.Edit(Build.Technician, new UpdateTicketRequest(Title: "Otro", Category: "network"), Build.Rules(), Build.Start);

        Assert.Equal((true, "forbidden"), (recategorised.IsSuccess, retitled.Error?.Code));
    }
}
