using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Attachments;

/// <summary>
/// A stored file and who may use it. It belongs to its uploader until a ticket or comment claims it (<see cref="Target"/>);
/// the claim is made before the ticket's write and confirmed after it (<see cref="AttachedAt"/>), so an upload is
/// never used twice, and one claimed by a write that never committed is found by the sweep and released.
/// </summary>
public sealed record Upload(
    string Id,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    EventActor UploadedBy,
    DateTimeOffset UploadedAt)
{
    /// <summary>The ticket (and comment) that claimed it; null while unreferenced.</summary>
    public AttachmentTarget? Target { get; init; }

    /// <summary>When the claim was made; null while unreferenced.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>When the claiming write was seen committed; a claim without it is checked by the sweep.</summary>
    public DateTimeOffset? AttachedAt { get; init; }

    /// <summary>Assigned by the store on every write.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";

    [JsonIgnore]
    public bool IsClaimed => Target is not null;

    /// <summary>The name of its blob in the <c>attachments</c> container (never anything the caller chose).</summary>
    [JsonIgnore]
    public string BlobName => Id;

    /// <summary>The view <c>POST /attachments</c> answers.</summary>
    public UploadView ToView() => new(Id, FileName, ContentType, Size, Sha256);
}

/// <summary>Where an upload is attached: a ticket as it is opened (no comment), or one comment of it.</summary>
/// <param name="Internal">An internal note's files are internal.</param>
public sealed record AttachmentTarget(string TicketId, string? CommentId, bool Internal);

/// <summary><c>POST /attachments</c> → 201.</summary>
public sealed record UploadView(string Id, string FileName, string ContentType, long Size, string Sha256);
