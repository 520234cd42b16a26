using Tickets.Tickets;

namespace Tickets.Notifications;

/// <summary>A notification's words in one language: a short message for the inbox, a subject and a body for e-mail.</summary>
public sealed record NotificationWords(string Message, string Subject, string Body);

/// <summary>
/// The text of every notification in Spanish (the default) and English, written on delivery in the recipient's
/// language. Only what <see cref="NotificationRules"/> put in the message is used, so nothing else can leak.
/// </summary>
public static class NotificationText
{
    public static IReadOnlyList<string> Languages { get; } = ["es", "en"];

    public static NotificationWords For(NotificationMessage message, string language, string ticketUrl)
    {
        var en = language == "en";
        var d = message.Data;
        var number = Ticket.FormatNumber(d.Number);
        var actor = message.Actor?.Name ?? (en ? "The system" : "El sistema");
        var line = message.Type switch
        {
            NotificationType.TicketCreated => en ? $"{actor} opened {number}, which has no assignee yet." : $"{actor} ha abierto {number}, que aún no tiene responsable.",
            NotificationType.TicketAssigned => message.Actor is null
                ? en ? $"{number} has been assigned to you automatically." : $"Se te ha asignado {number} automáticamente."
                : en ? $"{actor} assigned {number} to you." : $"{actor} te ha asignado {number}.",
            NotificationType.TicketCommented when d.Internal => en ? $"{actor} added an internal note to {number}." : $"{actor} ha añadido una nota interna en {number}.",
            NotificationType.TicketCommented => en ? $"{actor} commented on {number}." : $"{actor} ha comentado en {number}.",
            NotificationType.StatusChanged => en
                ? $"{actor} changed {number} from {Status(d.From, en)} to {Status(d.To, en)}."
                : $"{actor} ha cambiado {number} de {Status(d.From, en)} a {Status(d.To, en)}.",
            NotificationType.SlaWarning => en
                ? $"{number} is close to its {Target(d.Target, en)} deadline ({Due(d.DueAt)})."
                : $"{number} está cerca del plazo de {Target(d.Target, en)} ({Due(d.DueAt)}).",
            NotificationType.SlaBreached => en
                ? $"{number} missed its {Target(d.Target, en)} deadline ({Due(d.DueAt)}) and has been escalated."
                : $"{number} ha incumplido el plazo de {Target(d.Target, en)} ({Due(d.DueAt)}) y se ha escalado.",
            _ => number,
        };

        var quote = d.Excerpt ?? d.Note;
        var body = string.Join("\n\n", new[]
        {
            line,
            $"{number} · {d.Title}",
            quote is null ? null : "« " + quote + " »",
            (en ? "Open the ticket: " : "Abrir el ticket: ") + ticketUrl,
            en ? "You receive this e-mail because of your notification settings in Tickets."
               : "Recibes este correo por tu configuración de notificaciones en Tickets.",
        }.Where(part => part is not null));
        return new NotificationWords(line, $"[{number}] {d.Title}", body);
    }

    private static string Status(TicketStatus? status, bool en) => status switch
    {
        TicketStatus.Open => en ? "open" : "abierto",
        TicketStatus.InProgress => en ? "in progress" : "en curso",
        TicketStatus.OnHold => en ? "on hold" : "en espera",
        TicketStatus.Resolved => en ? "resolved" : "resuelto",
        TicketStatus.Closed => en ? "closed" : "cerrado",
        _ => "—",
    };

    private static string Target(string? target, bool en) => target == "first_response"
        ? en ? "first response" : "primera respuesta"
        : en ? "resolution" : "resolución";

    private static string Due(DateTimeOffset? due) => due?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
