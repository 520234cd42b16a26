using System.Net;
using System.Text;

namespace Tickets.Notifications;

/// <summary>One ticket's part of a digest: its number, title and page, and what the reader is told about it, oldest first.</summary>
public sealed record DigestTicket(string Number, string Title, string Url, IReadOnlyList<Notification> Items);

/// <summary>
/// The words of a daily digest: every notification of one person that came due since the last, in ONE e-mail grouped by
/// ticket (number, title, link, one line per notification with its time), in the reader's language and zone. The plain
/// text and the HTML tell the same; every word that came from a person is HTML-escaped.
/// </summary>
public sealed record NotificationDigest(string Subject, string Text, string Html)
{
    public static NotificationDigest Compose(IReadOnlyList<DigestTicket> tickets, Reader reader, DateTimeOffset at)
    {
        if (tickets.Count == 0 || tickets.Any(t => t.Items.Count == 0)) throw new ArgumentException("A digest tells at least one notification of each ticket it names.", nameof(tickets));
        var en = reader.English;
        var count = tickets.Sum(t => t.Items.Count);
        var subject = en
            ? $"Your Tickets digest: {count} {(count == 1 ? "update" : "updates")} on {tickets.Count} {(tickets.Count == 1 ? "ticket" : "tickets")}"
            : $"Tu resumen de Tickets: {count} {(count == 1 ? "novedad" : "novedades")} en {tickets.Count} {(tickets.Count == 1 ? "ticket" : "tickets")}";
        var intro = en ? $"What happened on your tickets, up to {reader.DateTime(at)}:" : $"Lo ocurrido en tus tickets hasta el {reader.DateTime(at)}:";
        var open = en ? "Open the ticket" : "Abrir el ticket";
        var footer = en
            ? "You receive this daily digest because of your notification settings in Tickets (your profile). To answer, open each ticket."
            : "Recibes este resumen diario por tu configuración de notificaciones en Tickets (tu perfil). Para responder, abre cada ticket.";
        var parts = tickets.Select(t => (Ticket: t, Lines: t.Items.Select(n => (When: reader.DateTime(n.CreatedAt), Line: LineOf(n, reader))).ToList())).ToList();

        var text = new StringBuilder();
        text.Append(intro).Append('\n');
        foreach (var (ticket, lines) in parts)
        {
            text.Append('\n').Append(ticket.Number).Append(" · ").Append(ticket.Title).Append('\n');
            foreach (var (when, line) in lines) text.Append("- ").Append(line).Append(" (").Append(when).Append(")\n");
            text.Append(open).Append(": ").Append(ticket.Url).Append('\n');
        }

        text.Append('\n').Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(reader.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2937;\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;\">")
            .Append("<h1 style=\"font-size:18px;margin:0 0 16px;\">").Append(E(subject)).Append("</h1>")
            .Append("<p style=\"margin:0 0 16px;\">").Append(E(intro)).Append("</p>");
        foreach (var (ticket, lines) in parts)
        {
            html.Append("<h2 style=\"font-size:16px;margin:16px 0 8px;\"><a href=\"").Append(E(ticket.Url)).Append("\" style=\"color:#2563eb;\">")
                .Append(E(ticket.Number)).Append("</a> · ").Append(E(ticket.Title)).Append("</h2>")
                .Append("<ul style=\"margin:0 0 8px;padding-left:20px;\">");
            foreach (var (when, line) in lines)
                html.Append("<li style=\"margin:0 0 4px;\">").Append(E(line)).Append(" <span style=\"color:#6b7280;\">").Append(E(when)).Append("</span></li>");
            html.Append("</ul>");
        }

        html.Append("<p style=\"margin:24px 0 0;font-size:12px;color:#6b7280;\">").Append(E(footer)).Append("</p>")
            .Append("</div></body></html>");
        return new NotificationDigest(subject, text.ToString(), html.ToString());
    }

    /// <summary>A notification's line, written now in the reader's words; the stored sentence when no content was kept.</summary>
    private static string LineOf(Notification n, Reader reader) => n.Content is { } content ? NotificationText.Line(n.Type, content, reader) : n.Message;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
