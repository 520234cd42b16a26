using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

internal sealed record CommentDocument(string Id, string TicketId, string Type, long Seq, bool Internal, Comment Comment)
{
    public static CommentDocument From(Comment c) => new(IdOf(c.Id), c.TicketId, TicketDocumentTypes.Comment, c.Sequence, c.Internal, c);

    public static string IdOf(string commentId) => "comment:" + commentId;

    public Comment ToComment() => Comment with { Sequence = Seq };
}
