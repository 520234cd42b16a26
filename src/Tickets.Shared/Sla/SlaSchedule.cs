using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// The SLA checks of a ticket's clock, one waiting at a time, each at a point of a running target: its warning point or
/// its due time, earliest first. A change that (re)starts the clock — creation, priority change, resume, reopening, all
/// of which raise <see cref="SlaState.Generation"/> — schedules the clock's earliest point; a check that records its
/// point (a warning, a breach) schedules the next one in its own change, through the outbox (<see cref="Plan"/>); a check
/// that finds nothing to record while the clock runs on (the first response came in time, a warning arrived after its
/// due time) sends the next one itself (<see cref="After"/>). So a clock that stops — answered, resolved, on hold — ends
/// its chain at the check waiting for it, instead of leaving every later point in the queue. Exact-time, no polling of
/// every ticket; a chain lost with its message is picked up by the sweep at the next breach.
/// </summary>
public static class SlaSchedule
{
    /// <summary>The check a change schedules, if any: the clock's earliest point when the change (re)started it or recorded one.</summary>
    public static IReadOnlyList<OutboxMessage> Plan(Ticket? before, Ticket after, DateTimeOffset now)
    {
        if (before is not null && !Restarted(before.Sla, after.Sla) && !Recorded(before.Sla, after.Sla)) return [];
        return Points(after) is [var first, ..] ? [Message(first, now)] : [];
    }

    /// <summary>
    /// The check that follows <paramref name="check"/> when it changed nothing: the clock's next point after it, if the
    /// check belongs to the running clock and its point was not handled already (then the change that handled it
    /// scheduled the next one, and a second delivery must not start a second chain).
    /// </summary>
    public static SlaCheckMessage? After(Ticket ticket, SlaCheckMessage check)
    {
        if (check.Generation != ticket.Sla.Generation || Handled(ticket.Sla, check)) return null;
        return Points(ticket).FirstOrDefault(point => Order(point).CompareTo(Order(check)) > 0);
    }

    /// <summary>One check as an outbox message, visible at its instant.</summary>
    public static OutboxMessage Message(SlaCheckMessage check, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now).ToString("N"), check.TicketId, QueueNames.SlaChecks, Body(check), now, check.At);

    /// <summary>A check as its queue message's body.</summary>
    public static string Body(SlaCheckMessage check) => JsonSerializer.Serialize(check, Json.Options);

    /// <summary>The points still to check on the running clock, earliest first; none while it is stopped.</summary>
    public static IReadOnlyList<SlaCheckMessage> Points(Ticket ticket)
    {
        var sla = ticket.Sla;
        var points = new List<SlaCheckMessage>(4);
        if (!ticket.IsWorkOpen || sla.PausedAt is not null || ticket.DeletedAt is not null) return points;

        void Add(SlaTargetKind target, DateTimeOffset? warningAt, DateTimeOffset dueAt, int? warnedGeneration)
        {
            if (warningAt is { } warning && warning < dueAt && warnedGeneration != sla.Generation)
                points.Add(new SlaCheckMessage(ticket.Id, target, SlaCheckPoint.Warning, warning, sla.Generation));
            points.Add(new SlaCheckMessage(ticket.Id, target, SlaCheckPoint.Due, dueAt, sla.Generation));
        }

        if (ticket.FirstResponseAt is null && !sla.FirstResponseBreached)
            Add(SlaTargetKind.FirstResponse, sla.FirstResponseWarningAt, sla.FirstResponseDueAt, sla.FirstResponseWarnedGeneration);
        if (!sla.ResolutionBreached)
            Add(SlaTargetKind.Resolution, sla.ResolutionWarningAt, sla.ResolutionDueAt, sla.ResolutionWarnedGeneration);

        points.Sort((a, b) => Order(a).CompareTo(Order(b)));
        return points;
    }

    /// <summary>The order of a clock's points: by instant; at the same instant the first response's first, a warning before its due time.</summary>
    private static (DateTimeOffset At, SlaTargetKind Target, SlaCheckPoint Point) Order(SlaCheckMessage check) => (check.At, check.Target, check.Point);

    /// <summary>A new clock, or the clock running again after a pause.</summary>
    private static bool Restarted(SlaState before, SlaState after) => before.Generation != after.Generation || before.PausedAt is not null;

    /// <summary>The change recorded a warning or a breach.</summary>
    private static bool Recorded(SlaState before, SlaState after) =>
        before.FirstResponseWarnedGeneration != after.FirstResponseWarnedGeneration
        || before.ResolutionWarnedGeneration != after.ResolutionWarnedGeneration
        || before.FirstResponseBreached != after.FirstResponseBreached
        || before.ResolutionBreached != after.ResolutionBreached;

    /// <summary>The check's point was recorded on this clock: its warning given, or its target breached.</summary>
    private static bool Handled(SlaState sla, SlaCheckMessage check)
    {
        var firstResponse = check.Target == SlaTargetKind.FirstResponse;
        var breached = firstResponse ? sla.FirstResponseBreached : sla.ResolutionBreached;
        var warned = (firstResponse ? sla.FirstResponseWarnedGeneration : sla.ResolutionWarnedGeneration) == sla.Generation;
        return breached || (check.Point == SlaCheckPoint.Warning && warned);
    }
}
