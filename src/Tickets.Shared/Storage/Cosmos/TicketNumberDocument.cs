namespace Tickets.Storage.Cosmos;

/// <summary><c>number:123</c> → the ticket id. Written before the ticket; one without its ticket reads as "not found".</summary>
internal sealed record TicketNumberDocument(string Id, string TicketId)
{
    public string Type { get; init; } = "ticketNumber";
}
