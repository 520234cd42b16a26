using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

internal sealed record EventDocument(string Id, string TicketId, string Type, long Seq, bool Internal, TicketEvent Event)
{
    public static EventDocument From(TicketEvent e) => new("event:" + e.Id, e.TicketId, TicketDocumentTypes.Event, e.Sequence, e.Internal, e);

    public TicketEvent ToEvent() => Event with { Sequence = Seq, Internal = Internal };
}
