using System.Text.Json;
using System.Text.Json.Nodes;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// What of a ticket's history concerns its requester (a caller who is not staff): the ticket's creation, public comments,
/// status changes with their notes (resolution notes, reopen reasons), the ticket it was merged into, who handles it, edits of title, description,
/// priority and category, who is copied in, and their own satisfaction ratings. Never SLA events, links, team moves, re-plans, internal notes, followers, or why or how it was assigned. The
/// stores filter by these types in the history query itself, so paging stays keyset; <see cref="Redact"/> then drops
/// the staff-only members of the payloads they keep.
/// </summary>
public static class RequesterTimeline
{
    public static IReadOnlyList<TicketEventType> Types { get; } =
    [
        TicketEventType.Created,
        TicketEventType.Updated,
        TicketEventType.StatusChanged,
        TicketEventType.Assigned,
        TicketEventType.PriorityChanged,
        TicketEventType.Commented,
        TicketEventType.MergedInto,
        TicketEventType.CcsChanged,
        TicketEventType.SatisfactionRated,
        TicketEventType.SatisfactionCommented,
    ];

    /// <summary>The event as the requester reads it: without the team it was routed to, nor the assignment's reason.</summary>
    public static TicketEvent Redact(TicketEvent e) => e.Type switch
    {
        TicketEventType.Created => Without(e, "team"),
        TicketEventType.Assigned => Without(e, "reason"),
        _ => e,
    };

    private static TicketEvent Without(TicketEvent e, string member)
    {
        if (e.Data.ValueKind != JsonValueKind.Object || !e.Data.TryGetProperty(member, out _)) return e;
        var data = JsonSerializer.SerializeToNode(e.Data, Json.Options)!.AsObject();
        data.Remove(member);
        return e with { Data = JsonSerializer.SerializeToElement(data, Json.Options) };
    }
}
