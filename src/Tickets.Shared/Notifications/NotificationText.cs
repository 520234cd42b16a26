using Tickets.Tickets;

namespace Tickets.Notifications;

/// <summary>
/// The words of every notification in Spanish (the default) and English: the inbox's sentence, written when it is read
/// in the reader's language and zone, and the e-mail subject. Only what <see cref="NotificationRules"/> put in the
/// content is used, so nothing else can leak.
/// </summary>
public static class NotificationText
{
    public static IReadOnlyList<string> Languages { get; } = ["es", "en"];

    /// <summary>
    /// The line at the top of every notification e-mail: a reply is cut there when it comes back by mail, so only what the
    /// person wrote above it becomes their comment.
    /// </summary>
    public static string ReplyMarker(Reader reader) => reader.English ? ReplyMarkers[1] : ReplyMarkers[0];

    /// <summary>The reply marker in every language, for the way in to recognise whichever one a reply quotes.</summary>
    public static IReadOnlyList<string> ReplyMarkers { get; } =
        ["##- Escriba su respuesta por encima de esta línea -##", "##- Please type your reply above this line -##"];

    /// <summary>The inbox's sentence for one notification.</summary>
    public static string Line(NotificationType type, NotificationContent content, Reader reader)
    {
        var en = reader.English;
        var d = content.Data;
        var number = Ticket.FormatNumber(d.Number);
        var actor = content.Actor?.Name ?? (en ? "The system" : "El sistema");
        return type switch
        {
            NotificationType.TicketCreated => en ? $"{actor} opened {number}, which has no assignee yet." : $"{actor} ha abierto {number}, que aún no tiene responsable.",
            NotificationType.TicketAssigned => content.Actor is null
                ? en ? $"{number} has been assigned to you automatically." : $"Se te ha asignado {number} automáticamente."
                : en ? $"{actor} assigned {number} to you." : $"{actor} te ha asignado {number}.",
            NotificationType.TicketCommented when d.Internal => en ? $"{actor} added an internal note to {number}." : $"{actor} ha añadido una nota interna en {number}.",
            NotificationType.TicketCommented => en ? $"{actor} commented on {number}." : $"{actor} ha comentado en {number}.",
            NotificationType.StatusChanged => en
                ? $"{actor} changed {number} from {Status(d.From, en)} to {Status(d.To, en)}."
                : $"{actor} ha cambiado {number} de {Status(d.From, en)} a {Status(d.To, en)}.",
            NotificationType.SlaWarning => en
                ? $"{number} is close to its {Target(d.Target, en)} deadline ({Due(d.DueAt, reader)})."
                : $"{number} está cerca del plazo de {Target(d.Target, en)} ({Due(d.DueAt, reader)}).",
            NotificationType.Mentioned when d.Internal => en ? $"{actor} mentioned you in an internal note on {number}." : $"{actor} te ha mencionado en una nota interna en {number}.",
            NotificationType.Mentioned => en ? $"{actor} mentioned you in a comment on {number}." : $"{actor} te ha mencionado en un comentario en {number}.",
            NotificationType.SlaBreached => en
                ? $"{number} missed its {Target(d.Target, en)} deadline ({Due(d.DueAt, reader)}) and has been escalated."
                : $"{number} ha incumplido el plazo de {Target(d.Target, en)} ({Due(d.DueAt, reader)}) y se ha escalado.",
            NotificationType.TicketUpdated when d.To is not null => en
                ? $"{actor} changed {number}, which you follow, from {Status(d.From, en)} to {Status(d.To, en)}."
                : $"{actor} ha cambiado {number}, que sigues, de {Status(d.From, en)} a {Status(d.To, en)}.",
            NotificationType.TicketUpdated when d.Internal => en
                ? $"{actor} added an internal note to {number}, which you follow."
                : $"{actor} ha añadido una nota interna en {number}, que sigues.",
            NotificationType.TicketUpdated => en ? $"{actor} commented on {number}, which you follow." : $"{actor} ha comentado en {number}, que sigues.",
            NotificationType.SatisfactionBad => en ? $"{actor} rated the resolution of {number} as bad." : $"{actor} ha valorado como mala la resolución de {number}.",
            _ => number,
        };
    }

    /// <summary>"Respuesta en [TCK-000010] título", "Resuelto: [TCK-000010] título"… — the event first, the ticket always in brackets.</summary>
    public static string Subject(NotificationType type, NotificationData d, Reader reader)
    {
        var en = reader.English;
        var ticket = $"[{Ticket.FormatNumber(d.Number)}] {d.Title}";
        return type switch
        {
            NotificationType.TicketCreated => (en ? "New ticket: " : "Nuevo ticket: ") + ticket,
            NotificationType.TicketAssigned => (en ? "Assigned: " : "Asignado: ") + ticket,
            NotificationType.TicketCommented when d.Internal => (en ? "Internal note on " : "Nota interna en ") + ticket,
            NotificationType.TicketCommented => (en ? "Reply on " : "Respuesta en ") + ticket,
            NotificationType.StatusChanged => d.To switch
            {
                TicketStatus.Resolved => (en ? "Resolved: " : "Resuelto: ") + ticket,
                TicketStatus.Closed => (en ? "Closed: " : "Cerrado: ") + ticket,
                TicketStatus.OnHold => (en ? "On hold: " : "En espera: ") + ticket,
                TicketStatus.Open when d.From is TicketStatus.Resolved or TicketStatus.Closed => (en ? "Reopened: " : "Reabierto: ") + ticket,
                _ => (en ? "Status changed: " : "Cambio de estado: ") + ticket,
            },
            NotificationType.SlaWarning => (en ? "SLA due soon: " : "SLA a punto de vencer: ") + ticket,
            NotificationType.SlaBreached => (en ? "SLA breached: " : "SLA incumplido: ") + ticket,
            NotificationType.Mentioned => (en ? "You were mentioned in " : "Te han mencionado en ") + ticket,
            NotificationType.TicketUpdated => (en ? "Update on a ticket you follow: " : "Novedad en un ticket que sigues: ") + ticket,
            NotificationType.SatisfactionBad => (en ? "Bad rating: " : "Valoración negativa: ") + ticket,
            _ => ticket,
        };
    }

    /// <summary>The subject of one e-mail telling several changes of one ticket.</summary>
    public static string SeveralSubject(NotificationData d, Reader reader) =>
        (reader.English ? "Updates on " : "Novedades en ") + $"[{Ticket.FormatNumber(d.Number)}] {d.Title}";

    public static string Status(TicketStatus? status, bool en) => status switch
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

    private static string Due(DateTimeOffset? due, Reader reader) => due is { } at ? reader.DateTime(at) : "—";
}
