namespace Tickets.Attachments;

/// <summary>
/// The <c>attachments</c> container of Blob Storage (private). Blob names are upload ids, never anything a caller chose.
/// </summary>
public interface IAttachmentBlobs
{
    /// <summary>Writes <paramref name="content"/> as the blob <paramref name="name"/> (streamed; the caller counts and limits it).</summary>
    Task WriteAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// A read-only URL for that one blob, valid for <paramref name="lifetime"/> (≤ 5 minutes): a user-delegation SAS
    /// from the app's identity in Azure, signed with the account key only where the connection has one (Azurite). The
    /// response it gets carries <paramref name="contentType"/> and a <c>Content-Disposition</c> naming
    /// <paramref name="fileName"/> (<c>inline</c> when <paramref name="inline"/>, else <c>attachment</c>).
    /// </summary>
    Task<Uri> ReadUrlAsync(string name, string fileName, string contentType, bool inline, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob if it exists.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
