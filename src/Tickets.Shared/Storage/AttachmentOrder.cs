using Tickets.Tickets;

namespace Tickets.Storage;

/// <summary>Where a file's record sorts among its ticket's files, the same in every store.</summary>
internal static class AttachmentOrder
{
    /// <summary>
    /// The change's revision × 100 + the file's position in it (at most <see cref="Attachments.Attachment.MaxPerChange"/>):
    /// files list in the order they were attached, keyed as comments and history are (a revision is written once).
    /// </summary>
    public static long Of(TicketChange change, int position) => (change.Ticket.Revision * 100) + position;
}
