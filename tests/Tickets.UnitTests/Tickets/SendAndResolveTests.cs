using System.Text.Json;
using Tickets.Common;
using Tickets.Notifications;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

/// <summary>A comment with a status: the reply and the move are one change, under the status machine's rules.</summary>
public sealed class SendAndResolveTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(30);

    [Fact]
    public void APublicReplyWithAStatusIsTheMovesNoteInOneStatusChangeAndNoCommentedEvent()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("  Tóner sustituido.  ", Status: "resolved"), Build.Rules(), Later).Ok();

        var moved = Assert.Single(change.Events, e => e.Type == TicketEventType.StatusChanged);
        Assert.Equal(("Tóner sustituido.", "c1"), (moved.Data.GetProperty("note").GetString(), moved.Data.GetProperty("commentId").GetString()));
        Assert.DoesNotContain(change.Events, e => e.Type == TicketEventType.Commented);
        Assert.Equal((TicketStatus.Resolved, Later, 1), (change.Ticket.Status, change.Ticket.ResolvedAt, change.Ticket.CommentCount));
        Assert.Equal(("c1", "Tóner sustituido.", false), (change.Comment!.Id, change.Comment.Body, change.Comment.Internal));
    }

    [Fact]
    public void ASendAndResolveIsStillTheFirstResponse()
    {
        var change = Build.InStatus(TicketStatus.Open)
            .AddComment(Build.Technician, "c1", new CommentRequest("Hecho.", Status: "resolved"), Build.Rules(), Later).Ok();

        Assert.Equal(Later, change.Ticket.FirstResponseAt);
    }

    [Fact]
    public void AnInternalNoteMayMoveTheTicketButItsTextIsNoNote()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Esperando al proveedor.", Internal: true, Status: "on_hold"), Build.Rules(), Later).Ok();

        var moved = Assert.Single(change.Events, e => e.Type == TicketEventType.StatusChanged);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, moved.Data.GetProperty("note").ValueKind);
        Assert.False(moved.Data.TryGetProperty("commentId", out _));
        Assert.Contains(change.Events, e => e.Type == TicketEventType.Commented && e.Internal);
        Assert.Equal(TicketStatus.OnHold, change.Ticket.Status);
    }

    [Fact]
    public void AnInternalNoteCannotResolveForResolvingNeedsANoteTheRequesterReads()
    {
        var outcome = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Hecho.", Internal: true, Status: "resolved"), Build.Rules(), Later);

        Assert.Equal((ErrorKind.Validation, FieldCodes.PublicNoteRequired), (outcome.Error!.Kind, outcome.Error.ErrorCodes!["status"].Single()));
    }

    [Fact]
    public void AMoveTheMachineDoesNotHaveIsAConflictNamingStatus()
    {
        var outcome = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Cerrado.", Status: "open"), Build.Rules(), Later);

        Assert.Equal((ErrorKind.Conflict, "transition_not_allowed"), (outcome.Error!.Kind, outcome.Error.Code));
        Assert.Equal(["status"], outcome.Error.Errors!.Keys);
    }

    [Fact]
    public void AMoveThatIsNotTheCallersIsForbiddenNamingStatus()
    {
        var outcome = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Requester, "c1", new CommentRequest("Lo resuelvo yo.", Status: "resolved"), Build.Rules(), Later);

        Assert.Equal(ErrorKind.Forbidden, outcome.Error!.Kind);
        Assert.Equal(["status"], outcome.Error.Errors!.Keys);
    }

    [Fact]
    public void AnUnknownStatusIsInvalidInput()
    {
        var outcome = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Hecho.", Status: "done"), Build.Rules(), Later);

        Assert.Equal((ErrorKind.Validation, FieldCodes.NotAllowed), (outcome.Error!.Kind, outcome.Error.ErrorCodes!["status"].Single()));
    }

    [Fact]
    public void TheRequesterIsToldOnceAsAStatusChange()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Tóner sustituido.", Status: "resolved"), Build.Rules(), Later).Ok();

        var told = Assert.Single(Plan(change, Build.Technician));

        Assert.Equal((NotificationType.StatusChanged, Build.Requester.Id), (told.Type, Assert.Single(told.RecipientIds)));
        Assert.Equal("Tóner sustituido.", told.Data.Note);
    }

    [Fact]
    public void AnAdminsSendAndResolveAlsoTellsTheAssigneeAsTheReplyWould()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Admin, "c1", new CommentRequest("Resuelto desde administración.", Status: "resolved"), Build.Rules(), Later).Ok();

        var told = Assert.Single(Plan(change, Build.Admin));

        Assert.Equal(new[] { Build.Requester.Id, Build.Technician.Id }.Order(StringComparer.Ordinal), told.RecipientIds.Order(StringComparer.Ordinal));
    }

    private static List<NotificationMessage> Plan(TicketChange change, Actor actor) =>
        NotificationRules.Plan(change, actor, [Build.Admin.Id]).Select(m => JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!).ToList();
}
