using System.Text.Json;
using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>One entry of a ticket's history, written atomically with the change it describes.</summary>
public sealed record TicketEvent(
    string Id,
    string TicketId,
    TicketEventType Type,
    EventActor? Actor,
    DateTimeOffset At,
    [property: PayloadOf(nameof(TicketEvent.Type))] JsonElement Data)
{
    /// <summary>Order within the ticket (revision × 100 + position in the change); the keyset of the history list.</summary>
    [JsonIgnore]
    public long Sequence { get; init; }

    /// <summary>About an internal note: hidden from users.</summary>
    [JsonIgnore]
    public bool Internal { get; init; }
}
