using Tickets.Common;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Tickets.History;
using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>What the system does to a ticket on its own: SLA warnings, breaches and escalation, and auto-close.</summary>
public sealed partial record Ticket
{
    /// <summary>
    /// Applies one SLA check. Stale checks change nothing: the ticket is finished, paused or deleted, the clock moved on
    /// (another generation), the target was met, or this point was already handled — so a check delivered twice changes
    /// nothing the second time. A warning records <c>sla_warning</c>; a breach marks the target breached, raises the
    /// escalation level, records <c>sla_breached</c> and <c>escalated</c>, and with <c>RaisePriorityOnBreach</c> raises
    /// the priority one step (which re-measures the targets still running).
    /// </summary>
    public TicketChange CheckSla(SlaCheckMessage check, TicketRules rules, DateTimeOffset now)
    {
        var unchanged = new TicketChange(this, []);
        var sla = Sla;
        if (!IsWorkOpen || DeletedAt is not null || sla.PausedAt is not null || sla.Generation != check.Generation) return unchanged;

        var firstResponse = check.Target == SlaTargetKind.FirstResponse;
        if (firstResponse && FirstResponseAt is not null) return unchanged;
        var breached = firstResponse ? sla.FirstResponseBreached : sla.ResolutionBreached;
        var dueAt = firstResponse ? sla.FirstResponseDueAt : sla.ResolutionDueAt;
        var target = check.Target;
        var history = new Recorder(Id, Actor.System, now);

        if (check.Point == SlaCheckPoint.Warning)
        {
            var warningAt = firstResponse ? sla.FirstResponseWarningAt : sla.ResolutionWarningAt;
            var warned = (firstResponse ? sla.FirstResponseWarnedGeneration : sla.ResolutionWarnedGeneration) == sla.Generation;
            if (breached || warned || warningAt is null || now < warningAt || now >= dueAt) return unchanged;

            history.Add(TicketEventType.SlaWarning, new SlaWarningData(target, dueAt) { WarningAt = warningAt });
            var warnedSla = firstResponse ? sla with { FirstResponseWarnedGeneration = sla.Generation } : sla with { ResolutionWarnedGeneration = sla.Generation };
            return history.Build(Touch(now) with { Sla = warnedSla });
        }

        if (breached || now < dueAt) return unchanged;

        var level = sla.EscalationLevel + 1;
        var escalated = firstResponse ? sla with { FirstResponseBreached = true } : sla with { ResolutionBreached = true };
        history.Add(TicketEventType.SlaBreached, new SlaBreachedData(target, dueAt));
        history.Add(TicketEventType.Escalated, new EscalatedData(level) { Target = target });
        var next = Touch(now) with { Sla = escalated with { EscalationLevel = level } };
        if (rules.Sla.RaisePriorityOnBreach && Priority < Priority.Critical)
            next = next.Reprioritise(Priority + 1, rules.Sla, history, reason: "sla_breach");
        return history.Build(next);
    }

    /// <summary>
    /// Re-plans the running targets on <paramref name="newest"/> (an admin applied a policy's newest version): each target
    /// still running — not met, not breached — is measured again from its start on the new version's targets and calendar,
    /// with the pauses it had; one already met or breached keeps its times and flag. Records <c>sla_replanned</c>; a new
    /// generation of the clock, so its checks are scheduled again and the old ones go stale. Nothing on a finished or
    /// deleted ticket, or one already on that version (a message delivered twice).
    /// </summary>
    public TicketChange ReplanSla(SlaPolicy newest, DateTimeOffset now)
    {
        if (!IsWorkOpen || DeletedAt is not null || Sla.Policy == newest.Name) return new TicketChange(this, []);

        var firstResponseRunning = FirstResponseAt is null && !Sla.FirstResponseBreached;
        var resolutionRunning = !Sla.ResolutionBreached;
        var sla = newest.Schedule(Sla, Priority, CreatedAt, firstResponseRunning, resolutionRunning);
        var fromVersion = SlaPolicyRef.TryParse(Sla.Policy, out _, out var version) ? version : 0;
        var history = new Recorder(Id, Actor.System, now);
        history.Add(TicketEventType.SlaReplanned, new SlaReplannedData(newest.Id, fromVersion, newest.Version,
            firstResponseRunning ? sla.FirstResponseDueAt : null, resolutionRunning ? sla.ResolutionDueAt : null) { Calendar = sla.Calendar });
        return history.Build(Touch(now) with { Sla = sla });
    }

    /// <summary>Closes a resolved ticket nobody touched for <see cref="TicketOptions.AutoCloseDelay"/>, as the system; otherwise nothing.</summary>
    public TicketChange AutoClose(TicketRules rules, DateTimeOffset now)
    {
        if (Status != Resolved || DeletedAt is not null || UpdatedAt + rules.AutoCloseDelay > now) return new TicketChange(this, []);

        var history = new Recorder(Id, Actor.System, now);
        history.Add(TicketEventType.StatusChanged, new StatusChangedData(Status, Closed, null, "auto_closed"));
        return history.Build(Touch(now) with { Status = Closed, ClosedAt = now });
    }
}
