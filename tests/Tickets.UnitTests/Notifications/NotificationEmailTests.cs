using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.UnitTests.Notifications;

public sealed class NotificationEmailTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 5, 13, 0, TimeSpan.Zero);
    private static readonly Reader Madrid = new("es", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
    private static readonly Reader NewYork = new("en", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
    private const string Url = "https://tickets.example.org/tickets/TCK-000010";

    private static Notification Told(NotificationType type, NotificationData data, string actor = "Ana Admin", DateTimeOffset? at = null) =>
        new($"n-{Guid.NewGuid():N}", "u-1", type, "ticket-1", "TCK-000010", data.Title, "", at ?? At, null)
        {
            Content = new NotificationContent(new EventActor("a-1", actor), data),
        };

    private static NotificationData Data(string title = "La impresora no imprime") => new() { Number = 10, Title = title };

    [Fact]
    public void AReplyNamesTheEventInTheSubjectAndQuotesTheMessageInBothParts()
    {
        var email = NotificationEmail.Compose([Told(NotificationType.TicketCommented, Data() with { Excerpt = "Reinicie el equipo, por favor." })], Madrid, Url, null);

        Assert.Equal("Respuesta en [TCK-000010] La impresora no imprime", email.Subject);
        Assert.Contains("> Reinicie el equipo, por favor.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Reinicie el equipo, por favor.</blockquote>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Abrir el ticket: " + Url, email.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{Url}\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishReadersGetEnglishWords()
    {
        var email = NotificationEmail.Compose([Told(NotificationType.TicketCommented, Data() with { Excerpt = "Try again." })], NewYork, Url, null);

        Assert.Equal("Reply on [TCK-000010] La impresora no imprime", email.Subject);
        Assert.Contains("Ana Admin commented on TCK-000010.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Latest message, from Ana Admin:", email.Text, StringComparison.Ordinal);
        Assert.Contains("Open the ticket", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostileTitleOrCommentIsEscapedInTheHtml()
    {
        var email = NotificationEmail.Compose(
            [Told(NotificationType.TicketCommented, Data("<script>alert(1)</script>") with { Excerpt = "<img src=x onerror=alert(2)> \"quoted\" & more" }, actor: "<b>Eve</b>")],
            Madrid, Url, null);

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; more", email.Html, StringComparison.Ordinal);
        // The plain text is text: it stays as written.
        Assert.Contains("<img src=x onerror=alert(2)>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DatesAreInTheReadersZoneNeverRawUtc()
    {
        var due = Data() with { Target = "resolution", DueAt = At };

        var es = NotificationEmail.Compose([Told(NotificationType.SlaWarning, due)], Madrid, Url, null);
        var en = NotificationEmail.Compose([Told(NotificationType.SlaWarning, due)], NewYork, Url, null);

        Assert.Contains("7 dic 2026, 06:13 (Europe/Madrid)", es.Text, StringComparison.Ordinal);
        Assert.Contains("7 Dec 2026, 00:13 (America/New_York)", en.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", es.Text + en.Text + es.Html + en.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheResolvedMailHasTheNoteTheLinksAndTheAutoCloseDate()
    {
        var links = new ResolutionLinkPair("https://t.example/resolucion?token=yes&x=1", "https://t.example/resolucion?token=no", At.AddDays(7));
        var resolved = Told(NotificationType.StatusChanged, Data() with { From = TicketStatus.InProgress, To = TicketStatus.Resolved, Note = "Cambiado el tóner." });

        var email = NotificationEmail.Compose([resolved], Madrid, Url, new ResolvedPart("Cambiado el tóner.", links, At.AddDays(7)));

        Assert.Equal("Resuelto: [TCK-000010] La impresora no imprime", email.Subject);
        Assert.Contains("Cambiado el tóner.", email.Text, StringComparison.Ordinal);
        Assert.Contains("¿Está resuelto?", email.Text, StringComparison.Ordinal);
        Assert.Contains("Sí, está resuelto: https://t.example/resolucion?token=yes&x=1", email.Text, StringComparison.Ordinal);
        Assert.Contains("No, reabrir: https://t.example/resolucion?token=no", email.Text, StringComparison.Ordinal);
        Assert.Contains("se cerrará automáticamente el 14 dic 2026, 06:13 (Europe/Madrid)", email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://t.example/resolucion?token=yes&amp;x=1\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheResolvedMailAsksForASatisfactionRatingWithItsTwoLinks()
    {
        var rate = new SatisfactionLinks("https://t.example/satisfaccion?token=good&x=1", "https://t.example/satisfaccion?token=bad", At.AddDays(37));
        var links = new ResolutionLinkPair("https://t.example/resolucion?token=yes", "https://t.example/resolucion?token=no", At.AddDays(7), rate);
        var resolved = Told(NotificationType.StatusChanged, Data() with { From = TicketStatus.InProgress, To = TicketStatus.Resolved });

        var es = NotificationEmail.Compose([resolved], Madrid, Url, new ResolvedPart(null, links, At.AddDays(7)));
        var en = NotificationEmail.Compose([resolved], NewYork, Url, new ResolvedPart(null, links, At.AddDays(7)));

        Assert.Contains("¿Cómo valoras la atención recibida?", es.Text, StringComparison.Ordinal);
        Assert.Contains("Buena: https://t.example/satisfaccion?token=good&x=1", es.Text, StringComparison.Ordinal);
        Assert.Contains("Mala: https://t.example/satisfaccion?token=bad", es.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://t.example/satisfaccion?token=good&amp;x=1\"", es.Html, StringComparison.Ordinal);
        Assert.Contains("Bad: https://t.example/satisfaccion?token=bad", en.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutResolutionLinksTheResolvedMailStillTellsWhenItCloses()
    {
        var resolved = Told(NotificationType.StatusChanged, Data() with { From = TicketStatus.InProgress, To = TicketStatus.Resolved });

        var email = NotificationEmail.Compose([resolved], NewYork, Url, new ResolvedPart(null, null, At.AddDays(7)));

        Assert.Equal("Resolved: [TCK-000010] La impresora no imprime", email.Subject);
        Assert.DoesNotContain("Is it solved?", email.Text, StringComparison.Ordinal);
        Assert.Contains("will close automatically on 14 Dec 2026", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralChangesAreOneMailListingEachWithItsTime()
    {
        var email = NotificationEmail.Compose(
        [
            Told(NotificationType.StatusChanged, Data() with { From = TicketStatus.Open, To = TicketStatus.InProgress }),
            Told(NotificationType.StatusChanged, Data() with { From = TicketStatus.InProgress, To = TicketStatus.OnHold, Note = "Esperando al proveedor" }, at: At.AddSeconds(20)),
        ], Madrid, Url, null);

        Assert.Equal("Novedades en [TCK-000010] La impresora no imprime", email.Subject);
        Assert.Contains("- Ana Admin ha cambiado TCK-000010 de abierto a en curso. (7 dic 2026, 06:13 (Europe/Madrid))", email.Text, StringComparison.Ordinal);
        Assert.Contains("- Ana Admin ha cambiado TCK-000010 de en curso a en espera.", email.Text, StringComparison.Ordinal);
        Assert.Contains("> Esperando al proveedor", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved, TicketStatus.Open, "Reabierto: ")]
    [InlineData(TicketStatus.InProgress, TicketStatus.OnHold, "En espera: ")]
    [InlineData(TicketStatus.Resolved, TicketStatus.Closed, "Cerrado: ")]
    public void EachStatusChangeHasItsOwnSubject(TicketStatus from, TicketStatus to, string prefix)
    {
        var email = NotificationEmail.Compose([Told(NotificationType.StatusChanged, Data() with { From = from, To = to })], Madrid, Url, null);

        Assert.Equal(prefix + "[TCK-000010] La impresora no imprime", email.Subject);
    }
}
