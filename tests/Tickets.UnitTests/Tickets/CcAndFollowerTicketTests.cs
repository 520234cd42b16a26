using System.Text.Json;
using Tickets.Common;
using Tickets.Tickets;
using Tickets.Tickets.History;
using Tickets.Users;

namespace Tickets.UnitTests.Tickets;

/// <summary>The aggregate's rules for CCs (the requester's side, without its powers) and followers (staff).</summary>
public sealed class CcAndFollowerTicketTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(5);
    private static readonly Actor Cc = new("u-colleague", "Carla Colega", Role.User, "Ventas");

    private static Ticket Copied(TicketStatus status = TicketStatus.Open, bool assigned = false) =>
        Build.InStatus(status, assigned) with { Ccs = [new TicketPerson(Cc.Id, Cc.Name)] };

    [Fact]
    public void ACcSeesTheTicketAndSomeoneElseDoesNot()
    {
        Assert.True(Copied().IsVisibleTo(Cc));
        Assert.False(Copied().IsVisibleTo(Build.OtherUser));
        Assert.False((Copied() with { DeletedAt = Later }).IsVisibleTo(Cc));
    }

    [Fact]
    public void ACcHasNoneOfTheRequestersPowers()
    {
        var actions = Copied().ActionsFor(Cc);

        Assert.True(actions.Comment);
        Assert.False(actions.Edit || actions.Delete || actions.ChangeCcs || actions.InternalNote || actions.Follow);
        Assert.Empty(actions.Transitions);
        Assert.Equal(ErrorKind.Forbidden, Copied().SetCcs(Cc, [], Later).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, Copied().ChangeStatus(Cc, TicketStatus.Closed, null, Build.Rules(), Later).Error!.Kind);
    }

    [Fact]
    public void ACcsCommentResumesATicketOnHold()
    {
        var change = Copied(TicketStatus.OnHold, assigned: true).AddComment(Cc, "c1", new CommentRequest("Ya está.", false), Build.Rules(), Later).Ok();

        Assert.Equal(TicketStatus.InProgress, change.Ticket.Status);
    }

    [Fact]
    public void ReplacingTheCcsRecordsWhoWasAddedAndRemoved()
    {
        var other = new TicketPerson("u-other", "Otro Usuario");

        var change = Copied().SetCcs(Build.Requester, [other], Later).Ok();

        var data = Assert.Single(change.Events).Data.Deserialize<CcsChangedData>(Json.Options)!;
        Assert.Equal([other], data.Added);
        Assert.Equal([new TicketPerson(Cc.Id, Cc.Name)], data.Removed);
        Assert.Empty(Copied().SetCcs(Build.Requester, [new TicketPerson(Cc.Id, Cc.Name)], Later).Ok().Events);
    }

    [Fact]
    public void FollowingIsIdempotentForStaffAndRefusedToRequesters()
    {
        var followed = Build.NewTicket().SetFollowing(Build.Technician, true, Later).Ok().Ticket;

        Assert.Equal([new TicketPerson(Build.Technician.Id, Build.Technician.Name)], followed.Followers);
        Assert.Equal(Build.NewTicket().UpdatedAt, followed.UpdatedAt);
        Assert.Empty(followed.SetFollowing(Build.Technician, true, Later).Ok().Events);
        Assert.Empty(followed.SetFollowing(Build.Technician, false, Later).Ok().Ticket.Followers);
        Assert.Equal(ErrorKind.Forbidden, Build.NewTicket().SetFollowing(Build.Requester, true, Later).Error!.Kind);
    }
}
