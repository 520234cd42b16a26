namespace Tickets.Attachments;

/// <summary>
/// The <c>attachments</c> container of Blob Storage (private). Blob names are upload ids, never anything a caller chose.
/// </summary>
public interface IAttachmentBlobs
{
    /// <summary>The blob index tag a new blob carries until a committed ticket write references it (<see cref="MarkReferencedAsync"/>).</summary>
    public const string StateTag = "attachment-state";

    /// <summary>
    /// Writes <paramref name="content"/> as the blob <paramref name="name"/> (streamed; the caller counts and limits it),
    /// tagged <c>attachment-state=unreferenced</c>: the container's lifecycle rule removes such a blob after days, the
    /// backstop for one whose record was never written or whose removal by the sweep failed.
    /// </summary>
    Task WriteAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// A read-only URL for that one blob, valid for <paramref name="lifetime"/> (≤ 5 minutes): a user-delegation SAS
    /// from the app's identity in Azure, signed with the account key only where the connection has one (Azurite). The
    /// response it gets carries <paramref name="contentType"/> and a <c>Content-Disposition</c> naming
    /// <paramref name="fileName"/> (<c>inline</c> when <paramref name="inline"/>, else <c>attachment</c>).
    /// </summary>
    Task<Uri> ReadUrlAsync(string name, string fileName, string contentType, bool inline, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Tags the blob <c>attachment-state=referenced</c>, so the lifecycle rule leaves it: a ticket or comment holds it now.</summary>
    Task MarkReferencedAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob if it exists.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
