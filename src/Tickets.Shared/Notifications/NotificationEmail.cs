using System.Net;
using System.Text;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.Notifications;

/// <summary>What a "resolved" e-mail adds: the resolution note, the confirm/reopen links (when there are any) and when the ticket closes itself.</summary>
public sealed record ResolvedPart(string? Note, ResolutionLinkPair? Links, DateTimeOffset ClosesAt);

/// <summary>
/// The words of one notification e-mail — one or several notifications of one person about one ticket — in the
/// reader's language, dates in their zone: a subject naming the event, the latest message quoted, a button to the
/// ticket, the names of the files the changes attached ("Adjuntos: captura.png, informe.pdf" — names only, no links), and
/// for a resolution the note, "¿Está resuelto? Sí / No, reabrir", the satisfaction question (good / bad) and the auto-close date. The plain text and the HTML
/// tell the same; every word that came from a person (file names included) is HTML-escaped.
/// </summary>
public sealed record NotificationEmail(string Subject, string Text, string Html)
{
    /// <param name="items">The notifications it tells, oldest first; each with its content.</param>
    /// <param name="reader">The recipient's language and zone.</param>
    /// <param name="ticketUrl">The ticket's page.</param>
    /// <param name="resolved">The resolution part, when the e-mail tells a resolution the ticket still has.</param>
    public static NotificationEmail Compose(IReadOnlyList<Notification> items, Reader reader, string ticketUrl, ResolvedPart? resolved)
    {
        if (items.Count == 0) throw new ArgumentException("An e-mail tells at least one notification.", nameof(items));
        var en = reader.English;
        var told = items.Select(n => (n.Type, Content: n.Content ?? Fallback(n), n.CreatedAt)).ToList();
        var latest = told[^1];
        var subject = told.Count == 1 || resolved is not null && latest is { Type: NotificationType.StatusChanged, Content.Data.To: TicketStatus.Resolved }
            ? NotificationText.Subject(latest.Type, latest.Content.Data, reader)
            : NotificationText.SeveralSubject(latest.Content.Data, reader);
        var heading = $"{Ticket.FormatNumber(latest.Content.Data.Number)} · {latest.Content.Data.Title}";
        var lines = told.Select(t => (When: reader.DateTime(t.CreatedAt), Line: NotificationText.Line(t.Type, t.Content, reader))).ToList();
        var message = told.LastOrDefault(t => t.Content.Data.Excerpt is not null || t.Content.Data.Note is not null);
        var quote = message.Content is { } said
            ? (Author: said.Actor?.Name ?? (en ? "The system" : "El sistema"), Words: (said.Data.Excerpt ?? said.Data.Note)!)
            : default;
        var note = resolved?.Note is { } n && n != quote.Words ? n : null;
        var files = told.SelectMany(t => t.Content.Data.AttachmentNames ?? []).ToList();
        var filesLabel = en ? "Attachments:" : "Adjuntos:";
        var open = en ? "Open the ticket" : "Abrir el ticket";
        var footer = en
            ? "You receive this e-mail because of your notification settings in Tickets. Reply to it to reach the support team."
            : "Recibes este correo por tu configuración de notificaciones en Tickets. Respóndelo para escribir al equipo de soporte.";

        var marker = NotificationText.ReplyMarker(reader);
        var text = new StringBuilder();
        text.Append(marker).Append("\n\n").Append(heading).Append("\n\n");
        foreach (var (when, line) in lines) text.Append(lines.Count == 1 ? "" : "- ").Append(line).Append(" (").Append(when).Append(")\n");
        if (quote.Words is not null)
            text.Append('\n').Append(en ? "Latest message, from " : "Último mensaje, de ").Append(quote.Author).Append(":\n")
                .Append(string.Join('\n', quote.Words.Split('\n').Select(l => "> " + l))).Append('\n');
        if (files.Count > 0) text.Append('\n').Append(filesLabel).Append(' ').Append(string.Join(", ", files)).Append('\n');
        if (resolved is not null)
        {
            if (note is not null) text.Append('\n').Append(en ? "Resolution: " : "Resolución: ").Append(note).Append('\n');
            if (resolved.Links is { } links)
                text.Append('\n').Append(en ? "Is it solved?" : "¿Está resuelto?").Append('\n')
                    .Append(en ? "  Yes, it is solved: " : "  Sí, está resuelto: ").Append(links.ConfirmUrl).Append('\n')
                    .Append(en ? "  No, reopen it: " : "  No, reabrir: ").Append(links.ReopenUrl).Append('\n');
            if (resolved.Links?.Satisfaction is { } rate)
                text.Append('\n').Append(RateQuestion(en)).Append('\n')
                    .Append(en ? "  Good: " : "  Buena: ").Append(rate.GoodUrl).Append('\n')
                    .Append(en ? "  Bad: " : "  Mala: ").Append(rate.BadUrl).Append('\n');
            text.Append('\n').Append(ClosesLine(resolved, reader)).Append('\n');
        }

        text.Append('\n').Append(open).Append(": ").Append(ticketUrl).Append("\n\n").Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(reader.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2937;\">")
            .Append("<p style=\"margin:0 auto 8px;max-width:600px;font-size:12px;color:#9ca3af;\">").Append(E(marker)).Append("</p>")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;\">")
            .Append("<h1 style=\"font-size:18px;margin:0 0 16px;\">").Append(E(heading)).Append("</h1>");
        html.Append(lines.Count == 1 ? "<p style=\"margin:0 0 16px;\">" : "<ul style=\"margin:0 0 16px;padding-left:20px;\">");
        foreach (var (when, line) in lines)
        {
            html.Append(lines.Count == 1 ? "" : "<li style=\"margin:0 0 4px;\">").Append(E(line))
                .Append(" <span style=\"color:#6b7280;\">").Append(E(when)).Append("</span>").Append(lines.Count == 1 ? "" : "</li>");
        }

        html.Append(lines.Count == 1 ? "</p>" : "</ul>");
        if (quote.Words is not null)
        {
            html.Append("<p style=\"margin:0 0 4px;color:#6b7280;\">").Append(E((en ? "Latest message, from " : "Último mensaje, de ") + quote.Author)).Append("</p>")
                .Append("<blockquote style=\"margin:0 0 16px;padding:8px 12px;border-left:4px solid #2563eb;background:#f8fafc;\">")
                .Append(Paragraph(quote.Words)).Append("</blockquote>");
        }

        if (files.Count > 0)
            html.Append("<p style=\"margin:0 0 16px;\"><strong>").Append(filesLabel).Append("</strong> ").Append(E(string.Join(", ", files))).Append("</p>");

        if (resolved is not null)
        {
            if (note is not null)
                html.Append("<p style=\"margin:0 0 16px;\"><strong>").Append(en ? "Resolution:" : "Resolución:").Append("</strong> ").Append(Paragraph(note)).Append("</p>");
            if (resolved.Links is { } links)
            {
                html.Append("<p style=\"margin:0 0 8px;font-weight:600;\">").Append(en ? "Is it solved?" : "¿Está resuelto?").Append("</p><p style=\"margin:0 0 16px;\">")
                    .Append(Button(links.ConfirmUrl, en ? "Yes, it is solved" : "Sí, está resuelto", "#15803d")).Append(' ')
                    .Append(Button(links.ReopenUrl, en ? "No, reopen it" : "No, reabrir", "#b91c1c")).Append("</p>");
            }

            if (resolved.Links?.Satisfaction is { } rate)
            {
                html.Append("<p style=\"margin:0 0 8px;font-weight:600;\">").Append(E(RateQuestion(en))).Append("</p><p style=\"margin:0 0 16px;\">")
                    .Append(Button(rate.GoodUrl, en ? "👍 Good" : "👍 Buena", "#15803d")).Append(' ')
                    .Append(Button(rate.BadUrl, en ? "👎 Bad" : "👎 Mala", "#b91c1c")).Append("</p>");
            }

            html.Append("<p style=\"margin:0 0 16px;\">").Append(E(ClosesLine(resolved, reader))).Append("</p>");
        }

        html.Append("<p style=\"margin:24px 0;\">").Append(Button(ticketUrl, open, "#2563eb")).Append("</p>")
            .Append("<p style=\"margin:0;font-size:12px;color:#6b7280;\">").Append(E(footer)).Append("</p>")
            .Append("</div></body></html>");
        return new NotificationEmail(subject, text.ToString(), html.ToString());
    }

    private static string RateQuestion(bool en) =>
        en ? "How would you rate the support you received?" : "¿Cómo valoras la atención recibida?";

    private static string ClosesLine(ResolvedPart resolved, Reader reader) => reader.English
        ? $"If we hear nothing from you, the ticket will close automatically on {reader.DateTime(resolved.ClosesAt)}."
        : $"Si no nos dices nada, el ticket se cerrará automáticamente el {reader.DateTime(resolved.ClosesAt)}.";

    private static string Button(string url, string label, string colour) =>
        $"<a href=\"{E(url)}\" style=\"display:inline-block;padding:10px 18px;border-radius:6px;background:{colour};color:#ffffff;text-decoration:none;font-weight:600;\">{E(label)}</a>";

    private static string Paragraph(string words) => string.Join("<br>", words.Split('\n').Select(E));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A notification without kept content (never pending e-mail in practice): its ticket and stored sentence.</summary>
    private static NotificationContent Fallback(Notification n) =>
        new(null, new NotificationData { Number = long.TryParse(n.TicketNumber.AsSpan(n.TicketNumber.IndexOf('-') + 1), out var number) ? number : 0, Title = n.Title });
}
