using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

public sealed class StatusMachineTests
{
    /// <summary>docs/architecture.md's status machine, written out independently of the production table.</summary>
    private static readonly (string From, string To, string[] Who)[] Design =
    [
        ("open", "in_progress", ["assignee", "admin"]),
        ("in_progress", "on_hold", ["assignee", "admin"]),
        ("on_hold", "in_progress", ["assignee", "admin"]),
        ("open", "resolved", ["assignee", "admin"]),
        ("in_progress", "resolved", ["assignee", "admin"]),
        ("on_hold", "resolved", ["assignee", "admin"]),
        ("resolved", "closed", ["requester", "requester_unassigned", "admin"]),
        ("resolved", "in_progress", ["requester", "requester_unassigned", "assignee", "admin"]),
        ("closed", "open", ["admin"]),
        ("open", "closed", ["requester_unassigned", "admin"]),
    ];

    private static readonly string[] Callers = ["requester", "requester_unassigned", "assignee", "other_technician", "admin"];

    public static TheoryData<string, string, string, string> EveryMoveForEveryCaller()
    {
        var data = new TheoryData<string, string, string, string>();
        var statuses = Enum.GetValues<TicketStatus>().Select(Json.EnumName).ToList();
        foreach (var from in statuses)
        foreach (var to in statuses)
        foreach (var caller in Callers)
        {
            var edge = Design.FirstOrDefault(d => d.From == from && d.To == to);
            var expected = edge.Who is null ? "conflict" : edge.Who.Contains(caller) ? "allowed" : "forbidden";
            data.Add(from, to, caller, expected);
        }

        return data;
    }

    /// <summary>A ticket in <paramref name="from"/>, the caller the row names, and the target status.</summary>
    private static (Ticket Ticket, Actor Actor, TicketStatus Target) Scene(string from, string to, string caller)
    {
        Json.TryParseEnum<TicketStatus>(from, out var current);
        Json.TryParseEnum<TicketStatus>(to, out var target);
        var ticket = Build.InStatus(current, assigned: caller != "requester_unassigned");
        var actor = caller switch
        {
            "requester" or "requester_unassigned" => Build.Requester,
            "assignee" => Build.Technician,
            "other_technician" => Build.OtherTechnician,
            _ => Build.Admin,
        };
        return (ticket, actor, target);
    }

    [Theory]
    [MemberData(nameof(EveryMoveForEveryCaller))]
    public void StatusChangeIsAllowedExactlyForTheCallersTheDesignNames(string from, string to, string caller, string expected)
    {
        var (ticket, actor, target) = Scene(from, to, caller);

        var outcome = ticket.ChangeStatus(actor, target, "Nota de resolución.", Build.Rules(), Build.Start.AddHours(1));

        var actual = outcome.IsSuccess ? "allowed" : outcome.Error!.Kind switch
        {
            ErrorKind.Forbidden => "forbidden",
            ErrorKind.Conflict => "conflict",
            var other => other.ToString(),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(EveryMoveForEveryCaller))]
    public void TransitionsListIsWhatTheCallerMayDo(string from, string to, string caller, string expected)
    {
        var (ticket, actor, target) = Scene(from, to, caller);

        var listed = ticket.TransitionsFor(actor).Any(t => t.Status == target);

        Assert.Equal(expected == "allowed", listed);
    }

    [Fact]
    public void RefusedTransitionCarriesTheAllowedOnes()
    {
        var ticket = Build.InStatus(TicketStatus.Resolved);

        var error = ticket.ChangeStatus(Build.Admin, TicketStatus.OnHold, null, Build.Rules(), Build.Start).Error!;

        var allowed = Assert.IsAssignableFrom<IReadOnlyList<AllowedTransition>>(error.Extensions!["allowed"]);
        Assert.Equal([TicketStatus.InProgress, TicketStatus.Closed], allowed.Select(a => a.Status).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ResolvingNeedsANote(string? note)
    {
        var outcome = Build.InStatus(TicketStatus.InProgress).ChangeStatus(Build.Technician, TicketStatus.Resolved, note, Build.Rules(), Build.Start);

        Assert.Equal(["note"], outcome.Error!.Errors!.Keys);
    }

    [Fact]
    public void ResolvingWritesTheNoteIntoHistory()
    {
        var change = Build.InStatus(TicketStatus.InProgress).ChangeStatus(Build.Technician, TicketStatus.Resolved, "Cambiado el tóner.", Build.Rules(), Build.Start).Ok();

        var status = Assert.Single(change.Events, e => e.Type == TicketEventType.StatusChanged);
        Assert.Equal("Cambiado el tóner.", status.Data.GetProperty("note").GetString());
        Assert.Equal(TicketStatus.Resolved, change.Ticket.Status);
        Assert.Equal(Build.Start, change.Ticket.ResolvedAt);
    }

    [Fact]
    public void RequesterCommentResumesATicketOnHold()
    {
        var onHold = Build.InStatus(TicketStatus.OnHold);

        var change = onHold.AddComment(Build.Requester, "c1", new CommentRequest("Ya lo he traído."), Build.Rules(), Build.Start.AddHours(2)).Ok();

        Assert.Equal(TicketStatus.InProgress, change.Ticket.Status);
        Assert.Contains(change.Events, e => e.Type == TicketEventType.StatusChanged);
    }

    [Fact]
    public void UsersCannotWriteInternalNotes()
    {
        var outcome = Build.NewTicket().AddComment(Build.Requester, "c1", new CommentRequest("secreto", Internal: true), Build.Rules(), Build.Start);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error!.Kind);
    }

    [Fact]
    public void FirstPublicStaffCommentIsTheFirstResponseButTheRequestersIsNot()
    {
        var ticket = Build.NewTicket();

        var byRequester = ticket.AddComment(Build.Requester, "c1", new CommentRequest("¿Alguien?"), Build.Rules(), Build.Start.AddMinutes(5)).Ok().Ticket;
        var internalNote = byRequester.AddComment(Build.Technician, "c2", new CommentRequest("mirar", Internal: true), Build.Rules(), Build.Start.AddMinutes(6)).Ok().Ticket;
        var answered = internalNote.AddComment(Build.Technician, "c3", new CommentRequest("Voy."), Build.Rules(), Build.Start.AddMinutes(10)).Ok().Ticket;

        Assert.Null(internalNote.FirstResponseAt);
        Assert.Equal(Build.Start.AddMinutes(10), answered.FirstResponseAt);
        Assert.Equal(2, answered.CommentCount);
    }

    [Fact]
    public void TechnicianCannotChangeStatusOfTicketAssignedToSomeoneElse()
    {
        var outcome = Build.InStatus(TicketStatus.Open).ChangeStatus(Build.OtherTechnician, TicketStatus.InProgress, null, Build.Rules(), Build.Start);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error!.Kind);
    }

    [Fact]
    public void TechnicianMayTakeOnlyAnUnassignedTicketForThemselves()
    {
        var unassigned = Build.NewTicket();
        var me = new Assignee(Build.OtherTechnician.Id, Build.OtherTechnician.Name);

        Assert.True(unassigned.Assign(Build.OtherTechnician, me, Build.Start).IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, Build.InStatus(TicketStatus.Open).Assign(Build.OtherTechnician, me, Build.Start).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden,
            unassigned.Assign(Build.OtherTechnician, new Assignee(Build.Technician.Id, Build.Technician.Name), Build.Start).Error!.Kind);
    }
}
