using System.Text.Json;
using Tickets.Common;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Notifications;

/// <summary>CCs hear what the requester hears; followers hear the rest as <c>ticket_updated</c>; nobody twice per event, never the actor.</summary>
public sealed class CcAndFollowerRulesTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(5);
    private static readonly TicketPerson Colleague = new("u-colleague", "Carla Colega");
    private static readonly TicketPerson Follower = new(Build.OtherTechnician.Id, Build.OtherTechnician.Name);

    private static Ticket Watched(TicketStatus status = TicketStatus.InProgress) =>
        Build.InStatus(status) with { Ccs = [Colleague], Followers = [Follower] };

    private static Dictionary<NotificationType, string> Told(TicketChange change, Actor actor) =>
        NotificationRules.Plan(change, actor, [Build.Admin.Id])
            .Select(m => JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!)
            .ToDictionary(m => m.Type, m => string.Join(",", m.RecipientIds.Order(StringComparer.Ordinal)));

    [Fact]
    public void AStaffReplyTellsTheRequesterAndCcsAndTheFollowerAsAnUpdate()
    {
        var change = Watched().AddComment(Build.Technician, "c1", new CommentRequest("¿Has reiniciado?", false), Build.Rules(), Later).Ok();

        var told = Told(change, Build.Technician);

        Assert.Equal($"{Colleague.Id},{Build.Requester.Id}", told[NotificationType.TicketCommented]);
        Assert.Equal(Follower.Id, told[NotificationType.TicketUpdated]);
    }

    [Fact]
    public void AnInternalNoteNeverReachesACcButReachesTheFollower()
    {
        var change = Watched().AddComment(Build.Technician, "c1", new CommentRequest("Revisar el switch.", true), Build.Rules(), Later).Ok();

        var told = Told(change, Build.Technician);

        Assert.False(told.ContainsKey(NotificationType.TicketCommented));
        Assert.Equal(Follower.Id, told[NotificationType.TicketUpdated]);
    }

    [Fact]
    public void ACcsCommentIsToldAsTheRequestersToTheAssigneeAndTheRequester()
    {
        var cc = new Actor(Colleague.Id, Colleague.Name, global::Tickets.Users.Role.User, "Ventas");
        var change = Watched().AddComment(cc, "c1", new CommentRequest("A mí también.", false), Build.Rules(), Later).Ok();

        var told = Told(change, cc);

        Assert.Equal($"{Build.Technician.Id},{Build.Requester.Id}", told[NotificationType.TicketCommented]);
        Assert.Equal(Follower.Id, told[NotificationType.TicketUpdated]);
    }

    [Fact]
    public void AStatusChangeTellsTheCcsAndTheFollowerButNotAFollowerWhoMadeIt()
    {
        var byFollower = Watched().ChangeStatus(Build.Admin, TicketStatus.OnHold, null, Build.Rules(), Later).Ok();
        var mine = (Watched() with { Followers = [new TicketPerson(Build.Technician.Id, Build.Technician.Name)] })
            .ChangeStatus(Build.Technician, TicketStatus.OnHold, null, Build.Rules(), Later).Ok();

        Assert.Equal($"{Colleague.Id},{Build.Requester.Id}", Told(byFollower, Build.Admin)[NotificationType.StatusChanged]);
        Assert.Equal(Follower.Id, Told(byFollower, Build.Admin)[NotificationType.TicketUpdated]);
        Assert.False(Told(mine, Build.Technician).ContainsKey(NotificationType.TicketUpdated));
    }

    [Fact]
    public void AFollowerAlreadyToldOfTheEventIsNotToldAgain()
    {
        var ticket = Watched() with { Followers = [new TicketPerson(Build.Technician.Id, Build.Technician.Name), Follower] };
        var change = ticket.AddComment(Build.Requester, "c1", new CommentRequest("Sigue igual.", false), Build.Rules(), Later).Ok();

        var told = Told(change, Build.Requester);

        Assert.Equal($"{Build.Technician.Id},{Colleague.Id}", told[NotificationType.TicketCommented]);
        Assert.Equal(Follower.Id, told[NotificationType.TicketUpdated]);
    }

    [Fact]
    public void DeliveryAcceptsAnUpdateOnlyForCommentsAndStatusChanges()
    {
        Assert.True(NotificationRules.Tells(NotificationType.TicketUpdated, TicketEventType.Commented));
        Assert.True(NotificationRules.Tells(NotificationType.TicketUpdated, TicketEventType.StatusChanged));
        Assert.False(NotificationRules.Tells(NotificationType.TicketUpdated, TicketEventType.Assigned));
        Assert.False(NotificationRules.Tells(NotificationType.TicketCommented, TicketEventType.StatusChanged));
    }

    [Theory]
    [InlineData("es", "Tomás Técnico ha comentado en TCK-000001, que sigues.")]
    [InlineData("en", "Tomás Técnico commented on TCK-000001, which you follow.")]
    public void AFollowersLineSaysTheyFollowIt(string language, string expected)
    {
        var content = new NotificationContent(new EventActor(Build.Technician.Id, Build.Technician.Name), new NotificationData { Number = 1, Title = "x", Excerpt = "Hola" });

        Assert.Equal(expected, NotificationText.Line(NotificationType.TicketUpdated, content, Reader.Of(language, null, "Europe/Madrid")));
    }
}
