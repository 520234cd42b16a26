using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// What one ticket's logical partition (<c>/ticketId</c>) of the <c>tickets</c> container holds, told apart by <c>type</c>.
/// The aggregate itself is nested (<c>ticket</c>, <c>comment</c>, <c>event</c>) and kept out of the index; the fields the
/// lists filter and sort on are copied to the top level, where they are indexed.
/// </summary>
internal static class TicketDocumentTypes
{
    public const string Ticket = "ticket";
    public const string Comment = "comment";
    public const string Event = "event";
    public const string Outbox = "outbox";
    public const string Attachment = "attachment";
}
