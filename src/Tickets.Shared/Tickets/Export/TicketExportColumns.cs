using System.Globalization;
using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets.Export;

/// <summary>
/// The columns of the ticket export: the header in the caller's language (es, en), and each ticket's cells. Values are
/// what the API says (status, priority and SLA condition as their API names, so a sheet filters like the list does);
/// instants are ISO 8601 in UTC; tags are joined with ", " (a tag holds no comma); a cell with nothing (no team, not
/// resolved, no tags) is empty.
/// </summary>
public static class TicketExportColumns
{
    public static IReadOnlyList<string> Header(string language) => language == "en" ? English : Spanish;

    /// <summary>The cells of <paramref name="ticket"/>, its SLA evaluated as <paramref name="sla"/>.</summary>
    public static IReadOnlyList<string?> Cells(Ticket ticket, SlaStatus sla, string language) =>
    [
        ticket.DisplayNumber,
        ticket.Title,
        Json.EnumName(ticket.Status),
        Json.EnumName(ticket.Priority),
        ticket.Category,
        ticket.Team?.Name,
        ticket.Requester.Name,
        ticket.Requester.Department,
        ticket.Assignee?.Name,
        Instant(ticket.CreatedAt),
        Instant(ticket.UpdatedAt),
        Instant(ticket.Sla.FirstResponseDueAt),
        Instant(ticket.Sla.ResolutionDueAt),
        Json.EnumName(sla.State),
        YesNo(sla.State == SlaCondition.Breached || ticket.Sla.FirstResponseBreached || ticket.Sla.ResolutionBreached, language),
        Instant(ticket.ResolvedAt),
        Instant(ticket.ClosedAt),
        ticket.Tags.Count == 0 ? null : string.Join(", ", ticket.Tags),
    ];

    /// <summary>The last line of an export cut at <paramref name="rows"/> tickets.</summary>
    public static string CutNotice(int rows, string language) => language == "en"
        ? $"# Export cut at {rows.ToString(CultureInfo.InvariantCulture)} tickets: narrow the filters to get the rest."
        : $"# Exportación cortada en {rows.ToString(CultureInfo.InvariantCulture)} tickets: acota los filtros para obtener el resto.";

    public static string? Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string YesNo(bool value, string language) => value ? (language == "en" ? "yes" : "sí") : "no";

    private static readonly string[] Spanish =
    [
        "Número", "Título", "Estado", "Prioridad", "Categoría", "Equipo", "Solicitante", "Departamento del solicitante", "Asignado a",
        "Creado", "Actualizado", "Primera respuesta vence", "Resolución vence", "Estado SLA", "SLA incumplido", "Resuelto", "Cerrado", "Etiquetas",
    ];

    private static readonly string[] English =
    [
        "Number", "Title", "Status", "Priority", "Category", "Team", "Requester", "Requester department", "Assignee",
        "Created", "Updated", "First response due", "Resolution due", "SLA state", "SLA breached", "Resolved", "Closed", "Tags",
    ];
}
