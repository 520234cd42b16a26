using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Tickets;

namespace Tickets.Sla.Policies;

/// <summary>
/// Runs one <c>sla-replans</c> message (the <c>SlaReplan</c> function): one page of the open tickets, each ticket on the
/// message's policy but not on its newest version re-planned on it through the one <see cref="TicketWriter"/>
/// (<see cref="Ticket.ReplanSla"/>: <c>sla_replanned</c> in its history, its SLA checks scheduled again), then the next
/// page as a message of its own — so a help desk of any size is re-planned a page per invocation, and a message delivered
/// twice changes nothing the second time (a ticket already on the newest version is left as it is).
/// </summary>
public sealed partial class SlaReplanner(
    ITicketStore tickets,
    SystemTicketChanges changes,
    SlaPolicies policies,
    IQueueSender queue,
    TimeProvider time,
    ILogger<SlaReplanner> logger)
{
    /// <summary>Open tickets read per message.</summary>
    public const int PageSize = PageRequest.MaxLimit;

    public async Task RunAsync(string body, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<SlaReplanMessage>(body, Json.Options)
            ?? throw new JsonException("An SLA re-plan must be a JSON object.");
        if (await policies.NewestAsync(message.PolicyId, cancellationToken) is not { } newest)
        {
            LogNoPolicy(logger, message.PolicyId);
            return;
        }

        var page = await tickets.ListAsync(new TicketQuery
        {
            Statuses = [TicketStatus.Open, TicketStatus.InProgress, TicketStatus.OnHold],
            // Creation order does not move while tickets are re-planned, so the pages neither skip nor repeat one.
            Sort = TicketSort.CreatedAt,
            Page = new PageRequest(PageSize, message.Cursor, false),
        }, cancellationToken);

        var replanned = 0;
        foreach (var ticket in page.Items)
        {
            if (!OnPolicy(ticket, message.PolicyId) || ticket.Sla.Policy == newest.Name) continue;
            if (await changes.ApplyAsync(ticket.Id, t => OnPolicy(t, message.PolicyId) ? t.ReplanSla(newest, time.GetUtcNow()) : new TicketChange(t, []), cancellationToken))
                replanned++;
        }

        if (page.NextCursor is { } next)
            await queue.SendAsync(QueueNames.SlaReplans, JsonSerializer.Serialize(message with { Cursor = next }, Json.Options), null, cancellationToken);
        LogPage(logger, message.PolicyId, newest.Version, replanned, page.NextCursor is not null);
    }

    private static bool OnPolicy(Ticket ticket, string policyId) =>
        SlaPolicyRef.TryParse(ticket.Sla.Policy, out var id, out _) && id == policyId;

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA re-plan of {PolicyId} on version {Version}: {Count} tickets re-planned in this page; more pages: {More}")]
    private static partial void LogPage(ILogger logger, string policyId, int version, int count, bool more);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA re-plan of {PolicyId}: no such policy, nothing done")]
    private static partial void LogNoPolicy(ILogger logger, string policyId);
}
