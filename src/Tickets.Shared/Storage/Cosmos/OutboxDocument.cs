using Tickets.Messaging;

namespace Tickets.Storage.Cosmos;

/// <summary>A pending queue message in its ticket's partition, created in the change's batch; deleted once sent.</summary>
internal sealed record OutboxDocument(string Id, string TicketId, string Type, string Queue, string Body, string CreatedAt, DateTimeOffset? VisibleAt)
{
    public static OutboxDocument From(OutboxMessage m) =>
        new("outbox:" + m.Id, m.TicketId, TicketDocumentTypes.Outbox, m.Queue, m.Body, SortableTime.Of(m.CreatedAt), m.VisibleAt);

    public OutboxMessage ToMessage() =>
        new(Id["outbox:".Length..], TicketId, Queue, Body, DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture), VisibleAt);
}
