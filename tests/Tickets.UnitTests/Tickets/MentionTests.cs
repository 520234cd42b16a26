using System.Text.Json;
using Tickets.Common;
using Tickets.Notifications;
using Tickets.Tickets;

namespace Tickets.UnitTests.Tickets;

/// <summary>Mentions: who may mention whom in which comment, what the comment keeps, and who is told what.</summary>
public sealed class MentionTests
{
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(5);

    private static Result<TicketChange> Comment(Actor author, bool isInternal, params Actor[] mentioned) =>
        Build.InStatus(TicketStatus.InProgress).AddComment(author, "c1", new CommentRequest("Mira esto, @alguien.", isInternal), Build.Rules(), Later,
            mentioned: mentioned);

    private static string RefusedField(Result<TicketChange> result)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        return Assert.Single(result.Error.Errors!).Key;
    }

    private static List<NotificationMessage> Plan(TicketChange change, Actor actor) =>
        NotificationRules.Plan(change, actor, [Build.Admin.Id])
            .Select(m => JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!)
            .ToList();

    private static string Told(List<NotificationMessage> messages, NotificationType type) =>
        string.Join(",", messages.Where(m => m.Type == type).SelectMany(m => m.RecipientIds).Order(StringComparer.Ordinal));

    [Fact]
    public void TheCommentKeepsTheMentionedPeopleByIdAndName()
    {
        var comment = Comment(Build.Technician, isInternal: true, Build.OtherTechnician, Build.Admin).Ok().Comment!;

        Assert.Equal([new TicketPerson(Build.OtherTechnician.Id, "Teresa Técnica"), new TicketPerson(Build.Admin.Id, "Ana Administradora")], comment.Mentions);
    }

    [Fact]
    public void StaffMayMentionTheRequesterInAPublicComment() =>
        Assert.Equal([Build.Requester.Id], Comment(Build.Technician, isInternal: false, Build.Requester).Ok().Comment!.Mentions.Select(p => p.Id));

    [Fact]
    public void TheRequesterMentionedInAnInternalNoteIsRefusedNamingMentions() =>
        Assert.Equal("mentions", RefusedField(Comment(Build.Technician, isInternal: true, Build.Requester)));

    [Fact]
    public void SomeoneWhoCannotSeeTheTicketIsRefusedEvenInAPublicComment() =>
        Assert.Equal("mentions", RefusedField(Comment(Build.Technician, isInternal: false, Build.OtherUser)));

    [Fact]
    public void ARequesterMayNotMentionAnyone() =>
        Assert.Equal("mentions", RefusedField(Comment(Build.Requester, isInternal: false, Build.Technician)));

    [Fact]
    public void MoreThanTwentyIdsAfterRemovingRepeatsIsRefusedNamingMentions()
    {
        var ids = Enumerable.Range(0, 21).Select(i => $"{i:D32}").ToList();

        Assert.Contains("mentions", new CommentRequest("Hola", Mentions: ids).Validate().ToDictionary().Keys);
        Assert.True(new CommentRequest("Hola", Mentions: [.. ids.Take(20), .. ids.Take(20)]).Validate().IsValid);
        Assert.Equal(20, new CommentRequest("Hola", Mentions: [.. ids.Take(20), .. ids.Take(20)]).MentionIds.Count);
    }

    [Fact]
    public void AMentionedPersonIsToldOnceAsAMentionNotAsACommentAndTheAuthorNever()
    {
        var change = Comment(Build.OtherTechnician, isInternal: false, Build.Technician, Build.Requester, Build.OtherTechnician).Ok();

        var messages = Plan(change, Build.OtherTechnician);

        Assert.Equal($"{Build.Technician.Id},{Build.Requester.Id}", Told(messages, NotificationType.Mentioned));
        Assert.Equal("", Told(messages, NotificationType.TicketCommented));
    }

    [Fact]
    public void AMentionInANoteIsToldMarkedInternalAndTheAssigneeStillHearsOfTheNote()
    {
        var change = Comment(Build.OtherTechnician, isInternal: true, Build.Admin).Ok();

        var messages = Plan(change, Build.OtherTechnician);

        var mention = Assert.Single(messages, m => m.Type == NotificationType.Mentioned);
        Assert.Equal([Build.Admin.Id], mention.RecipientIds);
        Assert.True(mention.Data.Internal);
        Assert.Equal("Mira esto, @alguien.", mention.Data.Excerpt);
        Assert.Equal(Build.Technician.Id, Told(messages, NotificationType.TicketCommented));
    }

    [Fact]
    public void WithSendAndResolveTheMoveTellsTheRequesterAndTheMentionTellsTheOthers()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Technician, "c1",
            new CommentRequest("Resuelto: cambiado el cable.", Status: "resolved"), Build.Rules(), Later, mentioned: [Build.Requester, Build.Admin]).Ok();

        var messages = Plan(change, Build.Technician);

        Assert.Equal(Build.Requester.Id, Told(messages, NotificationType.StatusChanged));
        Assert.Equal(Build.Admin.Id, Told(messages, NotificationType.Mentioned));
    }

    [Fact]
    public void AMentionIsToldOnlyForTheEventThatCarriesAComment()
    {
        Assert.True(NotificationRules.Tells(NotificationType.Mentioned, TicketEventType.Commented));
        Assert.True(NotificationRules.Tells(NotificationType.Mentioned, TicketEventType.StatusChanged));
        Assert.False(NotificationRules.Tells(NotificationType.Mentioned, TicketEventType.Assigned));
    }

    [Fact]
    public void TheMentionIsWordedInBothLanguagesAndSaysWhenItIsANote()
    {
        var data = new NotificationData { Number = 7, Title = "Sin red", Internal = true };
        var content = new NotificationContent(new EventActor(Build.Admin.Id, "Ana Administradora"), data);

        Assert.Equal("Ana Administradora te ha mencionado en una nota interna en TCK-000007.",
            NotificationText.Line(NotificationType.Mentioned, content, Reader.Of("es", null, "Europe/Madrid")));
        Assert.Equal("Ana Administradora mentioned you in a comment on TCK-000007.",
            NotificationText.Line(NotificationType.Mentioned, content with { Data = data with { Internal = false } }, Reader.Of("en", null, "Europe/Madrid")));
    }
}
