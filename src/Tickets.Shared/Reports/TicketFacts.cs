using Tickets.Tickets;

namespace Tickets.Reports;

/// <summary>
/// What reports read of one ticket, written by both stores in the same write as the ticket (a <c>ticket_facts</c> row in
/// SQLite, a <c>facts</c> object on the Cosmos ticket document), so a report aggregates small indexed rows instead of
/// reading tickets. One definition: <see cref="Of"/>.
/// </summary>
/// <param name="FirstResponseMinutes">Creation to first response on the ticket's calendar (business minutes on a business calendar); null until answered.</param>
/// <param name="ResolutionMinutes">Creation to resolution on the same clock; null while the work is open.</param>
/// <param name="FirstResponseMet">The first-response target: true met, false breached, null not known yet.</param>
/// <param name="ResolutionMet">The resolution target, likewise (a reopening starts it again).</param>
/// <param name="ResolvedAt">The latest resolution while the ticket stands resolved or closed after one; null otherwise.</param>
/// <param name="Resolved">Resolved at least once: resolved or closed now, or reopened.</param>
/// <param name="Reopened">Reopened after a resolution (or a closing) at least once.</param>
/// <param name="Open">Open work: open, in progress or on hold.</param>
/// <param name="Satisfaction">The requester's latest rating of a resolution; null when never rated.</param>
public sealed record TicketFacts(
    string TicketId,
    DateTimeOffset CreatedAt,
    Priority Priority,
    string? Category,
    string? TeamId,
    string? TeamName,
    string? AssigneeId,
    string? AssigneeName,
    long? FirstResponseMinutes,
    long? ResolutionMinutes,
    bool? FirstResponseMet,
    bool? ResolutionMet,
    DateTimeOffset? ResolvedAt,
    bool Resolved,
    bool Reopened,
    bool Open,
    SatisfactionRating? Satisfaction = null)
{
    public static TicketFacts Of(Ticket ticket)
    {
        var sla = ticket.Sla;
        var finished = !ticket.IsWorkOpen;
        var reopened = sla.ResolutionRestartedAt is not null;
        var resolvedAt = finished ? ticket.ResolvedAt : null;
        return new TicketFacts(
            ticket.Id,
            ticket.CreatedAt,
            ticket.Priority,
            ticket.Category,
            ticket.Team?.Id,
            ticket.Team?.Name,
            ticket.Assignee?.Id,
            ticket.Assignee?.Name,
            ticket.FirstResponseAt is { } answered ? sla.FirstResponseMinutes ?? WallClockMinutes(ticket.CreatedAt, answered) : null,
            resolvedAt is { } resolved ? sla.ResolutionMinutes ?? WallClockMinutes(ticket.CreatedAt, resolved) : null,
            sla.FirstResponseBreached ? false : ticket.FirstResponseAt is not null ? true : null,
            sla.ResolutionBreached ? false : resolvedAt is not null ? true : null,
            resolvedAt,
            Resolved: ticket.ResolvedAt is not null || reopened,
            Reopened: reopened,
            Open: ticket.IsWorkOpen,
            Satisfaction: ticket.Satisfaction?.Rating);
    }

    /// <summary>
    /// Whether the ticket's SLA was kept: false when either target was breached, true when both were met, null while one
    /// is still running. What compliance counts.
    /// </summary>
    public bool? SlaMet => FirstResponseMet == false || ResolutionMet == false ? false
        : FirstResponseMet == true && ResolutionMet == true ? true
        : null;

    /// <summary>Tickets measured before the aggregate recorded business minutes: elapsed time is all there is.</summary>
    private static long WallClockMinutes(DateTimeOffset from, DateTimeOffset to) => (long)Math.Floor((to - from).TotalMinutes);
}
