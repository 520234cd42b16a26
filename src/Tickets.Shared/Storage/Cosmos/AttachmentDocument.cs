using Tickets.Attachments;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// A file's record in its ticket's partition, created in the batch of the change that attached it: listed per ticket by
/// <c>seq</c> (<see cref="AttachmentOrder"/>), found by a point read of <c>attachment:{id}</c>.
/// </summary>
internal sealed record AttachmentDocument(string Id, string TicketId, string Type, long Seq, bool Internal, Attachment Attachment)
{
    public static AttachmentDocument From(Attachment a, long seq) => new(IdOf(a.Id), a.TicketId, TicketDocumentTypes.Attachment, seq, a.Internal, a);

    public static string IdOf(string attachmentId) => "attachment:" + attachmentId;
}
