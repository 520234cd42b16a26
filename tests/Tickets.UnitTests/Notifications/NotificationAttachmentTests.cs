using System.Text.Json;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Notifications;

/// <summary>
/// A notification about a change that attached files names them, in the plan and in the e-mail (names only, no links);
/// an internal note's files reach only whom the note reaches.
/// </summary>
public sealed class NotificationAttachmentTests
{
    private static readonly IReadOnlyList<string> Admins = [Build.Admin.Id];
    private static readonly DateTimeOffset Later = Build.Start.AddMinutes(5);
    private static readonly Reader Madrid = new("es", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
    private static readonly Reader NewYork = new("en", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
    private const string Url = "https://tickets.example.org/tickets/TCK-000001";

    private static Upload[] Uploads(Actor by, params string[] names) =>
        [.. names.Select((name, i) => new Upload($"up-{i}-{name.Length}", name, "image/png", 100, new string('a', 64), new EventActor(by.Id, by.Name), Build.Start))];

    private static List<NotificationMessage> Plan(TicketChange change, Actor actor) =>
        [.. NotificationRules.Plan(change, actor, Admins).Select(m => JsonSerializer.Deserialize<NotificationMessage>(m.Body, Json.Options)!)];

    /// <summary>The names a message tells, as one line; null for none.</summary>
    private static string? Names(NotificationMessage message) => message.Data.AttachmentNames is { } names ? string.Join(", ", names) : null;

    private static Notification Told(NotificationType type, NotificationData data) =>
        new("n-1", "u-1", type, "ticket-1", "TCK-000001", data.Title, "", Later, null)
        {
            Content = new NotificationContent(new EventActor(Build.Technician.Id, Build.Technician.Name), data),
        };

    [Fact]
    public void ANewTicketsNotificationNamesTheFilesItWasOpenedWith()
    {
        var change = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "Adjunto captura."), Build.Requester, Build.Rules(), Build.Start,
            uploads: Uploads(Build.Requester, "captura.png", "log.txt")).Ok();

        Assert.Equal("captura.png, log.txt", Names(Assert.Single(Plan(change, Build.Requester))));
    }

    [Fact]
    public void TheAssigneeOfATicketAssignedAsItOpensIsToldItsFiles()
    {
        var change = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "Adjunto captura."), Build.Requester, Build.Rules(), Build.Start,
            (new Assignee(Build.Technician.Id, Build.Technician.Name), global::Tickets.Tickets.History.AssignmentReason.RoundRobin),
            uploads: Uploads(Build.Requester, "captura.png")).Ok();

        var message = Assert.Single(Plan(change, Build.Requester));
        Assert.Equal((NotificationType.TicketAssigned, "captura.png"), (message.Type, Names(message)));
    }

    [Fact]
    public void ALaterAssignmentNamesNoFiles()
    {
        var ticket = Ticket.Create("t1", 1, new CreateTicketRequest("Sin red", "Adjunto captura."), Build.Requester, Build.Rules(), Build.Start,
            uploads: Uploads(Build.Requester, "captura.png")).Ok().Ticket;
        var change = ticket.Assign(Build.Admin, new Assignee(Build.Technician.Id, Build.Technician.Name), Later).Ok();

        Assert.Null(Names(Assert.Single(Plan(change, Build.Admin))));
    }

    [Fact]
    public void ACommentsNotificationNamesItsFiles()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Mira el informe.", false), Build.Rules(), Later, Uploads(Build.Technician, "informe.pdf")).Ok();

        var message = Assert.Single(Plan(change, Build.Technician));
        Assert.Equal((Build.Requester.Id, "informe.pdf"), (Assert.Single(message.RecipientIds), Names(message)));
    }

    [Fact]
    public void AChangeWithoutFilesNamesNone()
    {
        var change = Build.InStatus(TicketStatus.InProgress).AddComment(Build.Technician, "c1", new CommentRequest("¿Has reiniciado?", false), Build.Rules(), Later).Ok();

        var body = Assert.Single(NotificationRules.Plan(change, Build.Technician, Admins)).Body;
        Assert.DoesNotContain("attachmentNames", body, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInternalNotesFilesAreToldOnlyWithTheInternalMarkToStaff()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.OtherTechnician, "c1", new CommentRequest("Log del servidor.", true), Build.Rules(), Later, Uploads(Build.OtherTechnician, "servidor.log")).Ok();

        var message = Assert.Single(Plan(change, Build.OtherTechnician));
        Assert.Equal(
            (Recipients: Build.Technician.Id, Internal: true, Names: "servidor.log"),
            (Recipients: string.Join(",", message.RecipientIds), message.Data.Internal, Names: Names(message)));
    }

    [Fact]
    public void AnInternalNoteThatMovesTheTicketTellsTheRequesterOfTheMoveWithoutItsFiles()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Admin, "c1", new CommentRequest("Esperando al proveedor.", Internal: true, Status: "on_hold"), Build.Rules(), Later,
                Uploads(Build.Admin, "presupuesto-proveedor.pdf")).Ok();

        var toRequester = Assert.Single(Plan(change, Build.Admin), m => m.RecipientIds.Contains(Build.Requester.Id));
        Assert.Equal((NotificationType.StatusChanged, (string?)null), (toRequester.Type, Names(toRequester)));
        Assert.DoesNotContain("presupuesto-proveedor.pdf", JsonSerializer.Serialize(toRequester, Json.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void SendAndResolveTellsTheRequesterTheCommentsFiles()
    {
        var change = Build.InStatus(TicketStatus.InProgress)
            .AddComment(Build.Technician, "c1", new CommentRequest("Tóner sustituido.", Status: "resolved"), Build.Rules(), Later, Uploads(Build.Technician, "albaran.pdf")).Ok();

        var message = Assert.Single(Plan(change, Build.Technician));
        Assert.Equal((NotificationType.StatusChanged, "albaran.pdf"), (message.Type, Names(message)));
    }

    [Fact]
    public void ContentStoredBeforeFilesWereToldReadsAsNone()
    {
        var stored = """{"actor":{"id":"t-1","name":"Tomás"},"data":{"number":1,"title":"Sin red","excerpt":"Hola","internal":false}}""";

        Assert.Null(JsonSerializer.Deserialize<NotificationContent>(stored, Json.Options)!.Data.AttachmentNames);
    }

    [Fact]
    public void TheSpanishEmailListsTheFileNamesInBothParts()
    {
        var data = new NotificationData { Number = 1, Title = "Sin red", Excerpt = "Mira el informe.", AttachmentNames = ["a.png", "b.pdf"] };

        var email = NotificationEmail.Compose([Told(NotificationType.TicketCommented, data)], Madrid, Url, null);

        Assert.Equal((true, true), (email.Text.Contains("Adjuntos: a.png, b.pdf\n", StringComparison.Ordinal),
            email.Html.Contains("<strong>Adjuntos:</strong> a.png, b.pdf</p>", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheEnglishEmailListsTheFileNamesInBothParts()
    {
        var data = new NotificationData { Number = 1, Title = "Sin red", Excerpt = "See the report.", AttachmentNames = ["a.png", "b.pdf"] };

        var email = NotificationEmail.Compose([Told(NotificationType.TicketCommented, data)], NewYork, Url, null);

        Assert.Equal((true, true), (email.Text.Contains("Attachments: a.png, b.pdf\n", StringComparison.Ordinal),
            email.Html.Contains("<strong>Attachments:</strong> a.png, b.pdf</p>", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnEmailWithoutFilesHasNoAttachmentsLine()
    {
        var email = NotificationEmail.Compose([Told(NotificationType.TicketCommented, new NotificationData { Number = 1, Title = "Sin red", Excerpt = "Hola" })], Madrid, Url, null);

        Assert.DoesNotContain("Adjuntos", email.Text + email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNamesAreEscapedInTheHtmlAndNeverLinked()
    {
        var data = new NotificationData { Number = 1, Title = "Sin red", AttachmentNames = ["<img src=x onerror=alert(1)>.png"] };

        var email = NotificationEmail.Compose([Told(NotificationType.TicketCreated, data)], Madrid, Url, null);

        Assert.Equal(
            (Escaped: true, Raw: false, Links: 1),
            (Escaped: email.Html.Contains("&lt;img src=x onerror=alert(1)&gt;.png", StringComparison.Ordinal), Raw: email.Html.Contains("<img", StringComparison.Ordinal),
             Links: System.Text.RegularExpressions.Regex.Matches(email.Html, "<a ").Count));
    }

    [Fact]
    public void SeveralChangesInOneEmailListEveryFileTheyAttached()
    {
        var first = Told(NotificationType.TicketCommented, new NotificationData { Number = 1, Title = "Sin red", Excerpt = "Uno", AttachmentNames = ["uno.png"] });
        var second = Told(NotificationType.TicketCommented, new NotificationData { Number = 1, Title = "Sin red", Excerpt = "Dos", AttachmentNames = ["dos.pdf"] });

        var email = NotificationEmail.Compose([first, second], Madrid, Url, null);

        Assert.Contains("Adjuntos: uno.png, dos.pdf", email.Text, StringComparison.Ordinal);
    }
}
