using System.Text.Json;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>One SLA target as <c>GET /tickets/{id}/sla</c> shows it.</summary>
public sealed record SlaTargetView(
    int? TargetMinutes,
    DateTimeOffset DueAt,
    DateTimeOffset? MetAt,
    bool? Met,
    bool Breached,
    long? RemainingMinutes);

/// <summary>A stretch of time the clock stood still, and why.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset? To, string Reason);

/// <summary>
/// The audit view of a ticket's SLA: policy and version, calendar, both targets with due times, remaining minutes
/// (frozen while paused), met/breached, the pauses and the SLA event log — all derived from the ticket and its
/// history, so the clock can be replayed.
/// </summary>
public sealed record SlaReport(
    string TicketId,
    string Number,
    string Policy,
    string Calendar,
    TicketStatus Status,
    bool Paused,
    int EscalationLevel,
    SlaTargetView FirstResponse,
    SlaTargetView Resolution,
    IReadOnlyList<SlaPause> Pauses,
    IReadOnlyList<TicketEvent> Events)
{
    private static readonly HashSet<TicketEventType> SlaEventTypes =
    [
        TicketEventType.SlaStarted, TicketEventType.SlaPaused, TicketEventType.SlaResumed, TicketEventType.SlaMet,
        TicketEventType.SlaWarning, TicketEventType.SlaBreached, TicketEventType.Escalated, TicketEventType.PriorityChanged,
    ];

    public static SlaReport Build(Ticket ticket, IEnumerable<TicketEvent> history, SlaPolicy policy, DateTimeOffset now)
    {
        var sla = ticket.Sla;
        var events = history.Where(e => SlaEventTypes.Contains(e.Type)).ToList();
        // Targets are only known for the policy version the ticket runs on; an older version shows due times only.
        var target = sla.Policy == policy.Name ? policy.TargetFor(ticket.Priority) : null;
        var clockStoppedAt = sla.PausedAt ?? (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed ? ticket.ResolvedAt ?? ticket.ClosedAt : null);

        return new SlaReport(
            ticket.Id,
            ticket.DisplayNumber,
            sla.Policy,
            "24x7",
            ticket.Status,
            sla.PausedAt is not null,
            sla.EscalationLevel,
            View((int?)target?.FirstResponse.TotalMinutes, sla.FirstResponseDueAt, ticket.FirstResponseAt, sla.FirstResponseBreached, clockStoppedAt, now),
            View((int?)target?.Resolution.TotalMinutes, sla.ResolutionDueAt, ticket.ResolvedAt, sla.ResolutionBreached, clockStoppedAt, now),
            PausesIn(events),
            events);
    }

    private static SlaTargetView View(int? minutes, DateTimeOffset due, DateTimeOffset? metAt, bool breachedFlag, DateTimeOffset? stoppedAt, DateTimeOffset now)
    {
        if (metAt is { } at)
            return new SlaTargetView(minutes, due, at, Met: at <= due && !breachedFlag, Breached: breachedFlag || at > due, RemainingMinutes: null);

        var clock = stoppedAt ?? now;
        var remaining = (long)Math.Floor((due - clock).TotalMinutes);
        return new SlaTargetView(minutes, due, null, Met: null, Breached: breachedFlag || clock > due, remaining);
    }

    private static List<SlaPause> PausesIn(IEnumerable<TicketEvent> events)
    {
        var pauses = new List<SlaPause>();
        foreach (var e in events)
        {
            if (e.Type == TicketEventType.SlaPaused)
                pauses.Add(new SlaPause(e.At, null, Reason(e.Data)));
            else if (e.Type == TicketEventType.SlaResumed && pauses.Count > 0 && pauses[^1].To is null)
                pauses[^1] = pauses[^1] with { To = e.At };
        }

        return pauses;
    }

    private static string Reason(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()!
            : "paused";
}
