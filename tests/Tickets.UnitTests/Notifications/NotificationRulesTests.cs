using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Notifications;

/// <summary>Who is told what about a ticket change: the routing table, one rule per test.</summary>
public sealed class NotificationRulesTests
{
    private static readonly IReadOnlyList<string> Admins = [Build.Admin.Id, "a-second-admin"];
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(5);

    private static List<NotificationMessage> Plan(TicketChange change, Actor? actor) =>
        NotificationRules.Plan(change, actor, Admins)
            .Select(m =>
            {
                Assert.Equal(QueueNames.Notifications, m.Queue);
                return JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!;
            })
            .ToList();

    private static (NotificationType Type, string Recipients) Only(List<NotificationMessage> messages) =>
        Assert.Single(messages) is var m ? (m.Type, string.Join(",", m.RecipientIds.Order(StringComparer.Ordinal))) : default;

    [Fact]
    public void UnassignedNewTicketTellsEveryActiveAdmin()
    {
        var change = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "No hay red."), Build.Requester, Build.Rules(), Build.Start).Ok();

        Assert.Equal((NotificationType.TicketCreated, $"{Build.Admin.Id},a-second-admin"), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void AdminWhoOpensATicketIsNotToldAboutIt()
    {
        var admin = Build.Admin;
        var change = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "No hay red."), admin, Build.Rules(), Build.Start).Ok();

        Assert.Equal((NotificationType.TicketCreated, "a-second-admin"), Only(Plan(change, admin)));
    }

    [Fact]
    public void AutomaticallyAssignedTicketTellsOnlyItsAssignee()
    {
        var change = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "No hay red."), Build.Requester, Build.Rules(), Build.Start,
            (new Assignee(Build.Technician.Id, Build.Technician.Name), global::Tickets.Tickets.History.AssignmentReason.RoundRobin)).Ok();

        Assert.Equal((NotificationType.TicketAssigned, Build.Technician.Id), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void AssignmentTellsTheNewAssignee()
    {
        var change = Build.InStatus(TicketStatus.Open, assigned: false)
            .Assign(Build.Admin, new Assignee(Build.Technician.Id, Build.Technician.Name), Later).Ok();

        Assert.Equal((NotificationType.TicketAssigned, Build.Technician.Id), Only(Plan(change, Build.Admin)));
    }

    [Fact]
    public void TechnicianWhoTakesATicketIsNotToldAboutIt()
    {
        var change = Build.InStatus(TicketStatus.Open, assigned: false)
            .Assign(Build.Technician, new Assignee(Build.Technician.Id, Build.Technician.Name), Later).Ok();

        Assert.Empty(Plan(change, Build.Technician));
    }

    [Fact]
    public void PublicStaffCommentTellsTheRequester()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Technician, "c1", new CommentRequest("¿Has reiniciado?", false), Build.Rules(), Later).Ok();

        var message = Assert.Single(Plan(change, Build.Technician));
        Assert.Equal((NotificationType.TicketCommented, Build.Requester.Id), (message.Type, Assert.Single(message.RecipientIds)));
        Assert.Equal("¿Has reiniciado?", message.Data.Excerpt);
    }

    [Fact]
    public void PublicCommentByAnotherStaffMemberAlsoTellsTheAssignee()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.OtherTechnician, "c1", new CommentRequest("Yo lo miro.", false), Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.TicketCommented, $"{Build.Technician.Id},{Build.Requester.Id}"),
            Only(Plan(change, Build.OtherTechnician)));
    }

    [Fact]
    public void RequesterCommentTellsTheAssignee()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Requester, "c1", new CommentRequest("Sigue igual.", false), Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.TicketCommented, Build.Technician.Id), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void RequesterCommentOnAnUnassignedTicketTellsTheAdmins()
    {
        var change = Build.InStatus(TicketStatus.Open, assigned: false).AddComment(Build.Requester, "c1", new CommentRequest("¿Alguien?", false), Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.TicketCommented, $"{Build.Admin.Id},a-second-admin"), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void InternalNoteNeverReachesTheRequester()
    {
        var secret = "El usuario borró la carpeta él mismo.";
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.OtherTechnician, "c1", new CommentRequest(secret, true), Build.Rules(), Later).Ok();

        var planned = NotificationRules.Plan(change, Build.OtherTechnician, Admins);

        var message = JsonSerializer.Deserialize<NotificationMessage>(Assert.Single(planned).Body, Json.Options)!;
        Assert.Equal([Build.Technician.Id], message.RecipientIds);
        Assert.True(message.Data.Internal);
        Assert.DoesNotContain(planned, m => m.Body.Contains(Build.Requester.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void InternalNoteByTheAssigneeTellsNobody()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Technician, "c1", new CommentRequest("Pedido el tóner.", true), Build.Rules(), Later).Ok();

        Assert.Empty(Plan(change, Build.Technician));
    }

    [Fact]
    public void StatusChangeTellsTheRequesterWithTheNote()
    {
        var change = Build.InStatus(TicketStatus.InProgress).ChangeStatus(Build.Technician, TicketStatus.Resolved, "Tóner cambiado.", Build.Rules(), Later).Ok();

        var message = Assert.Single(Plan(change, Build.Technician));
        Assert.Equal((NotificationType.StatusChanged, Build.Requester.Id), (message.Type, Assert.Single(message.RecipientIds)));
        Assert.Equal((TicketStatus.InProgress, TicketStatus.Resolved, "Tóner cambiado."), (message.Data.From!.Value, message.Data.To!.Value, message.Data.Note));
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.InProgress)]
    public void RequesterWhoClosesOrReopensTellsTheAssignee(TicketStatus to)
    {
        var change = Build.InStatus(TicketStatus.Resolved).ChangeStatus(Build.Requester, to, null, Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.StatusChanged, Build.Technician.Id), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void RequesterCommentThatResumesATicketOnHoldIsToldOnceAsAComment()
    {
        var change = Build.InStatus(TicketStatus.OnHold).AddComment(Build.Requester, "c1", new CommentRequest("Ya está el dato.", false), Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.TicketCommented, Build.Technician.Id), Only(Plan(change, Build.Requester)));
    }

    [Fact]
    public void SystemChangesTellEveryoneConcerned()
    {
        var change = Build.InStatus(TicketStatus.Resolved).ChangeStatus(Build.Admin, TicketStatus.Closed, null, Build.Rules(), Later).Ok();

        Assert.Equal((NotificationType.StatusChanged, Build.Requester.Id), Only(Plan(change, actor: null)));
    }

    [Fact]
    public void EditsAndPriorityChangesTellNobody()
    {
        var change = Build.InStatus(TicketStatus.InProgress).Edit(Build.Admin, new UpdateTicketRequest("Nuevo título", null, "high"), Build.Rules(), Later).Ok();

        Assert.Empty(Plan(change, Build.Admin));
    }

    [Fact]
    public void LongCommentsAreCutWithoutSplittingACharacter()
    {
        var body = new string('a', NotificationRules.ExcerptLength - 2) + "😀" + new string('b', 50);
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Technician, "c1", new CommentRequest(body, false), Build.Rules(), Later).Ok();

        var excerpt = Assert.Single(Plan(change, Build.Technician)).Data.Excerpt!;

        Assert.EndsWith("…", excerpt);
        Assert.True(excerpt.Length <= NotificationRules.ExcerptLength);
        Assert.False(char.IsHighSurrogate(excerpt[^2]));
    }
}
