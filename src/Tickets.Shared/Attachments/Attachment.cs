using System.ComponentModel;
using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Attachments;

/// <summary>
/// A file on a ticket or on one of its comments, as the ticket keeps it: written in the same atomic write as the change
/// that attached it (Cosmos: a document in the ticket's partition, in the same batch; SQLite: a row, in the same
/// transaction) and embedded in the ticket or comment it belongs to. The bytes are the blob named by <see cref="Id"/>.
/// </summary>
public sealed record Attachment(
    string Id,
    string TicketId,
    [property: Description("The comment it came with; null: attached when the ticket was opened.")] string? CommentId,
    string FileName,
    [property: Description("Decided from the content's signature, never from the name.")] string ContentType,
    [property: Description("Bytes.")] long Size,
    [property: Description("SHA-256 of the bytes, lowercase hex.")] string Sha256,
    [property: Description("On an internal note: staff only.")] bool Internal,
    EventActor UploadedBy,
    DateTimeOffset UploadedAt)
{
    /// <summary>At most this many files on one ticket or comment.</summary>
    public const int MaxPerChange = 10;

    /// <summary>Whether a browser may show it in place (images and pdf); everything else downloads.</summary>
    [JsonIgnore]
    public bool Inline => FileKinds.IsInline(ContentType);

    public static Attachment Of(Upload upload, string ticketId, string? commentId, bool isInternal) => new(
        upload.Id, ticketId, commentId, upload.FileName, upload.ContentType, upload.Size, upload.Sha256, isInternal,
        upload.UploadedBy, upload.UploadedAt);

    /// <summary>What history says was attached.</summary>
    public AttachedFile AsFile() => new(Id, FileName);
}

/// <summary>A file named in history (<c>created</c>, <c>commented</c>, <c>status_changed</c>).</summary>
public sealed record AttachedFile(string Id, string FileName);
