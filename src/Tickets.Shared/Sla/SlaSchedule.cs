using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// The SLA checks a change schedules: whenever a ticket's clock is (re)computed — creation, priority change, resume,
/// reopening, all of which raise <see cref="SlaState.Generation"/> — one message per running target at its warning point
/// and one at its due time, written to the outbox with the change. Exact-time, no polling of every ticket.
/// </summary>
public static class SlaSchedule
{
    public static IReadOnlyList<OutboxMessage> Plan(Ticket? before, Ticket after, DateTimeOffset now)
    {
        var sla = after.Sla;
        if (!after.IsWorkOpen || sla.PausedAt is not null || after.DeletedAt is not null) return [];
        if (before is not null && before.Sla.Generation == sla.Generation && before.Sla.PausedAt is null) return [];

        var checks = new List<SlaCheckMessage>();
        void Add(SlaTargetKind target, DateTimeOffset? warningAt, DateTimeOffset dueAt, int? warnedGeneration)
        {
            if (warningAt is { } warning && warning < dueAt && warnedGeneration != sla.Generation)
                checks.Add(new SlaCheckMessage(after.Id, target, SlaCheckPoint.Warning, warning, sla.Generation));
            checks.Add(new SlaCheckMessage(after.Id, target, SlaCheckPoint.Due, dueAt, sla.Generation));
        }

        if (after.FirstResponseAt is null && !sla.FirstResponseBreached)
            Add(SlaTargetKind.FirstResponse, sla.FirstResponseWarningAt, sla.FirstResponseDueAt, sla.FirstResponseWarnedGeneration);
        if (!sla.ResolutionBreached)
            Add(SlaTargetKind.Resolution, sla.ResolutionWarningAt, sla.ResolutionDueAt, sla.ResolutionWarnedGeneration);

        return checks.Select(c => Message(c, now)).ToList();
    }

    /// <summary>One check as an outbox message, visible at its instant.</summary>
    public static OutboxMessage Message(SlaCheckMessage check, DateTimeOffset now) => new(
        Guid.CreateVersion7(now).ToString("N"), check.TicketId, QueueNames.SlaChecks,
        JsonSerializer.Serialize(check, Json.Options), now, check.At);
}
