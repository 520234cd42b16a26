using System.Text.Json;
using Tickets.Sla.Policies;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// One SLA target as <c>GET /tickets/{id}/sla</c> shows it. Minutes are counted on the ticket's calendar (business minutes
/// on a business calendar); <see cref="RemainingMinutes"/> is frozen while paused and null once the target is reached.
/// </summary>
public sealed record SlaTargetView(
    int? TargetMinutes,
    DateTimeOffset DueAt,
    DateTimeOffset? WarningAt,
    DateTimeOffset? MetAt,
    bool? Met,
    bool Breached,
    long? RemainingMinutes);

/// <summary>A stretch of time the clock stood still, and why.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset? To, string Reason);

/// <summary>
/// The audit view of a ticket's SLA: policy and version, the calendar its clock runs on, the server-computed condition
/// (<c>state</c>), both targets with due times, warning points and remaining business minutes (frozen while paused),
/// met/breached, the pauses and the SLA event log — all derived from the ticket and its history, so the clock can be
/// replayed.
/// </summary>
public sealed record SlaReport(
    string TicketId,
    string Number,
    string Policy,
    SlaCalendarView Calendar,
    TicketStatus Status,
    SlaCondition State,
    SlaTargetKind Target,
    bool Paused,
    int EscalationLevel,
    SlaTargetView FirstResponse,
    SlaTargetView Resolution,
    IReadOnlyList<SlaPause> Pauses,
    IReadOnlyList<TicketEvent> Events)
{
    /// <summary>The id of the policy the clock runs on (<c>default</c>).</summary>
    public required string PolicyId { get; init; }

    /// <summary>The policy's name, as admins call it.</summary>
    public string? PolicyName { get; init; }

    /// <summary>The policy version the ticket keeps until an admin re-plans it.</summary>
    public required int PolicyVersion { get; init; }

    private static readonly HashSet<TicketEventType> SlaEventTypes =
    [
        TicketEventType.SlaStarted, TicketEventType.SlaPaused, TicketEventType.SlaResumed, TicketEventType.SlaMet,
        TicketEventType.SlaWarning, TicketEventType.SlaBreached, TicketEventType.Escalated, TicketEventType.PriorityChanged,
        TicketEventType.SlaReplanned,
    ];

    public static SlaReport Build(Ticket ticket, IEnumerable<TicketEvent> history, SlaPolicy policy, DateTimeOffset now)
    {
        var sla = ticket.Sla;
        var events = history.Where(e => SlaEventTypes.Contains(e.Type)).ToList();
        // Targets are only known for the policy version the ticket runs on; an older version shows due times only.
        var target = sla.Policy == policy.Name ? policy.TargetFor(ticket.Priority) : null;
        var clockStoppedAt = sla.PausedAt ?? (ticket.Status is TicketStatus.Resolved or TicketStatus.Closed ? ticket.ResolvedAt ?? ticket.ClosedAt : null);
        var clock = policy.Clock(sla.Calendar);
        var status = policy.Evaluate(ticket, now);

        return new SlaReport(
            ticket.Id,
            ticket.DisplayNumber,
            sla.Policy,
            clock.Describe(),
            ticket.Status,
            status.State,
            status.Target,
            sla.PausedAt is not null,
            sla.EscalationLevel,
            View(clock, (int?)target?.FirstResponse.TotalMinutes, sla.FirstResponseDueAt, sla.FirstResponseWarningAt, ticket.FirstResponseAt,
                sla.FirstResponseBreached, clockStoppedAt, now),
            View(clock, (int?)target?.Resolution.TotalMinutes, sla.ResolutionDueAt, sla.ResolutionWarningAt, ticket.ResolvedAt,
                sla.ResolutionBreached, clockStoppedAt, now),
            PausesIn(events),
            events)
        {
            PolicyId = SlaPolicyRef.TryParse(sla.Policy, out var id, out _) ? id : sla.Policy,
            PolicyVersion = SlaPolicyRef.TryParse(sla.Policy, out _, out var version) ? version : 0,
            PolicyName = SlaPolicyRef.TryParse(sla.Policy, out var named, out _) && named == policy.Id ? policy.DisplayName : null,
        };
    }

    private static SlaTargetView View(
        ISlaClock clock, int? minutes, DateTimeOffset due, DateTimeOffset? warning, DateTimeOffset? metAt, bool breachedFlag, DateTimeOffset? stoppedAt, DateTimeOffset now)
    {
        var clockAt = stoppedAt ?? now;
        var outcome = SlaOutcomes.Of(metAt is not null, breachedFlag, due, metAt is null ? clockAt : null);
        if (metAt is { } at)
            return new SlaTargetView(minutes, due, warning, at, Met: outcome == SlaOutcome.Met, Breached: outcome == SlaOutcome.Breached, RemainingMinutes: null);

        var remaining = (long)Math.Floor(clock.Between(clockAt, due).TotalMinutes);
        return new SlaTargetView(minutes, due, warning, null, Met: null, Breached: outcome == SlaOutcome.Breached, remaining);
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
