using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Sla.Policies;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// The SLA's asynchronous half: <see cref="CheckAsync"/> runs one <c>sla-checks</c> message (the <c>SlaCheck</c>
/// function) and keeps the ticket's chain of checks going (<see cref="SlaSchedule"/>); <see cref="SweepAsync"/> (the
/// <c>SlaSweep</c> timer) finds tickets whose running target is overdue but whose breach is not recorded — a check
/// message lost or deleted — and checks them, so no breach stays hidden.
/// </summary>
public sealed partial class SlaEscalation(
    ITicketStore tickets,
    SystemTicketChanges changes,
    TicketRules rules,
    SlaPolicies policies,
    IQueueSender queue,
    IOptions<SlaSweepOptions> sweep,
    TimeProvider time,
    ILogger<SlaEscalation> logger)
{
    /// <summary>
    /// Storage queues delay a message at most 7 days: a check due later arrives early and is sent on again. One that is
    /// only a little early (clock differences between hosts) waits for its moment here instead.
    /// </summary>
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(5);

    public async Task CheckAsync(string body, CancellationToken cancellationToken)
    {
        var check = JsonSerializer.Deserialize<SlaCheckMessage>(body, Json.Options)
            ?? throw new JsonException("An SLA check must be a JSON object.");

        var early = check.At - time.GetUtcNow();
        if (early > WaitAtMost)
        {
            await queue.SendAsync(QueueNames.SlaChecks, body, check.At, cancellationToken);
            LogRescheduled(logger, check.TicketId, check.At);
            return;
        }

        if (early > TimeSpan.Zero) await Task.Delay(early, time, cancellationToken);

        if (await changes.ApplyAsync(check.TicketId, t => CheckAsync(t, check, cancellationToken), cancellationToken))
        {
            LogChecked(logger, check.TicketId, check.Target, check.Point);
            return;
        }

        // Nothing to record. The change that records a point schedules the next one with it; here the clock may still run
        // (the first response came, the warning came after its due time), and its next point is sent from here. A failed
        // send fails this message, which the queue delivers again.
        if (await tickets.FindAsync(check.TicketId, cancellationToken) is { } ticket && SlaSchedule.After(ticket, check) is { } next)
        {
            await queue.SendAsync(QueueNames.SlaChecks, SlaSchedule.Body(next), next.At, cancellationToken);
            LogNext(logger, check.TicketId, next.Target, next.Point, next.At);
        }
    }

    /// <summary>Returns how many overdue tickets got their breach recorded.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = new TicketQuery
        {
            Statuses = [TicketStatus.Open, TicketStatus.InProgress],
            Sla = new SlaFilter([SlaCondition.Breached], now),
            Sort = TicketSort.SlaDue,
            Page = new PageRequest(PageRequest.MaxLimit, null, false),
        };

        var escalated = 0;
        for (var page = 0; page < sweep.Value.MaxPages; page++)
        {
            var found = await tickets.ListAsync(query, cancellationToken);
            foreach (var ticket in found.Items)
            {
                // Breached and recorded tickets are on the list too; only a running target past its due time needs a check.
                var standing = SlaStanding.Of(ticket);
                if (standing.Phase != SlaPhase.Running) continue;
                var check = new SlaCheckMessage(ticket.Id, standing.Target, SlaCheckPoint.Due, standing.DueAt, ticket.Sla.Generation);
                if (await changes.ApplyAsync(ticket.Id, t => CheckAsync(t, check, cancellationToken), cancellationToken)) escalated++;
            }

            if (found.NextCursor is null) break;
            query = query with { Page = query.Page with { Cursor = found.NextCursor } };
        }

        if (escalated > 0) LogSwept(logger, escalated);
        return escalated;
    }

    /// <summary>The check on the ticket's own policy version (what a breach's priority raise re-measures with).</summary>
    private async Task<TicketChange> CheckAsync(Ticket ticket, SlaCheckMessage check, CancellationToken cancellationToken) =>
        ticket.CheckSla(check, rules.WithSla(await policies.ForTicketAsync(ticket.Sla, cancellationToken)), time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA check for ticket {TicketId} ({Target}, {Point}) recorded")]
    private static partial void LogChecked(ILogger logger, string ticketId, SlaTargetKind target, SlaCheckPoint point);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SLA check for ticket {TicketId} had nothing to record; next check ({Target}, {Point}) at {At}")]
    private static partial void LogNext(ILogger logger, string ticketId, SlaTargetKind target, SlaCheckPoint point, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SLA check for ticket {TicketId} is due at {At}: sent on again")]
    private static partial void LogRescheduled(ILogger logger, string ticketId, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA sweep recorded {Count} breaches whose checks had not run")]
    private static partial void LogSwept(ILogger logger, int count);
}
