using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;

namespace Tickets.Attachments;

/// <summary>
/// The attachment routes, as the signed-in caller: upload (sniffed, counted, hashed while it streams to the blob; nothing
/// kept when refused), links to read a file (authorized on every call: 404 for anything the caller may not see), a
/// ticket's files, and removing one's own unused upload.
/// </summary>
public sealed partial class AttachmentService(
    IUploadStore uploads,
    IAttachmentBlobs blobs,
    ITicketStore tickets,
    TicketService ticketService,
    CurrentUser me,
    IOptions<AttachmentOptions> options,
    TimeProvider time,
    ILogger<AttachmentService> logger)
{
    /// <summary>
    /// Stores <paramref name="content"/> as a new upload of the caller named <paramref name="fileName"/> (as the client sent
    /// it; cleaned here). 400 for a bad or missing name or an empty file, 415 for a kind not taken (decided from the first
    /// bytes; text checked to the end), 413 past <see cref="AttachmentOptions.MaxBytes"/>, all naming <c>file</c>.
    /// </summary>
    public async Task<Result<Upload>> UploadAsync(Stream content, string? fileName, CancellationToken cancellationToken)
    {
        var cleaned = FileNames.Clean(fileName);
        if (!cleaned.IsSuccess) return cleaned.Error!;

        var maxBytes = options.Value.MaxBytes;
        var head = new byte[(int)Math.Min(FileKinds.HeadBytes, maxBytes + 1)];
        var length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (length == 0) return Error.Field(FileNames.Field, FieldCodes.Required, "The file is empty.");
        if (length > maxBytes) return UploadLimits.TooLarge(maxBytes);
        var kind = FileKinds.Detect(head.AsSpan(0, length), cleaned.Value, complete: length < head.Length);
        if (!kind.IsSuccess) return kind.Error!;

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        await using var checkedContent = new CheckedUpload(head.AsMemory(0, length), content, maxBytes, kind.Value.IsText);
        try
        {
            await blobs.WriteAsync(id, checkedContent, kind.Value.ContentType, cancellationToken);
        }
        catch (Exception e) when (checkedContent.Refusal is { } refusal)
        {
            LogRefusedWhileStreaming(logger, e.GetType().Name, me.Id, refusal.Code);
            await ForgetBlobAsync(id);
            return refusal;
        }
        catch
        {
            await ForgetBlobAsync(id);
            throw;
        }

        var upload = new Upload(id, FileNames.WithExtensionOf(cleaned.Value, kind.Value), kind.Value.ContentType, checkedContent.Length64,
            checkedContent.Sha256(), new EventActor(me.Id, me.User.FullName), now);
        try
        {
            await uploads.AddAsync(upload, cancellationToken);
        }
        catch
        {
            await ForgetBlobAsync(id);
            throw;
        }

        LogUploaded(logger, id, upload.ContentType, upload.Size, me.Id);
        return upload;
    }

    /// <summary>A link to read the file, valid <see cref="AttachmentOptions.LinkLifetime"/>; 404 for anything the caller may not see.</summary>
    public async Task<Result<AttachmentLink>> LinkAsync(string id, CancellationToken cancellationToken)
    {
        var readable = await FindReadableAsync(id, cancellationToken);
        if (!readable.IsSuccess) return readable.Error!;
        var (fileName, contentType) = readable.Value;
        var lifetime = options.Value.LinkLifetime;
        var expiresAt = time.GetUtcNow() + lifetime;
        var url = await blobs.ReadUrlAsync(id, fileName, contentType, FileKinds.IsInline(contentType), lifetime, cancellationToken);
        return new AttachmentLink(url, expiresAt);
    }

    /// <summary>Everything on the ticket the caller may see (a requester never sees internal files), oldest first.</summary>
    public async Task<Result<Page<Attachment>>> ListAsync(string ticketIdOrNumber, CancellationToken cancellationToken)
    {
        var ticket = await ticketService.GetAsync(ticketIdOrNumber, cancellationToken);
        if (!ticket.IsSuccess) return ticket.Error!;
        var files = await tickets.ListAttachmentsAsync(ticket.Value.Id, includeInternal: me.IsStaff, cancellationToken);
        return new Page<Attachment>(files, null);
    }

    /// <summary>Removes the caller's own upload that nothing references (204); anything else is 404.</summary>
    public async Task<Result> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var upload = Ids.IsWellFormed(id) ? await uploads.FindAsync(id, cancellationToken) : null;
        if (upload is null || upload.IsClaimed || upload.UploadedBy.Id != me.Id) return Error.NotFound("attachment");
        // The record first: once it is gone nothing can claim the upload, so its blob is no one's.
        if (!await uploads.DeleteUnreferencedAsync(id, cancellationToken)) return Error.NotFound("attachment");
        await blobs.DeleteAsync(upload.BlobName, cancellationToken);
        return Result.Success;
    }

    /// <summary>
    /// Who may read a file: while unreferenced, its uploader; once claimed, whoever sees its ticket (requester or staff, not
    /// deleted) — once the ticket holds its record (the claiming write committed) and, for an internal one, staff only.
    /// </summary>
    private async Task<Result<(string FileName, string ContentType)>> FindReadableAsync(string id, CancellationToken cancellationToken)
    {
        var upload = Ids.IsWellFormed(id) ? await uploads.FindAsync(id, cancellationToken) : null;
        if (upload is null) return Error.NotFound("attachment");
        if (upload.Target is not { } target)
            return upload.UploadedBy.Id == me.Id ? (upload.FileName, upload.ContentType) : Error.NotFound("attachment");

        var ticket = await ticketService.GetAsync(target.TicketId, cancellationToken);
        if (!ticket.IsSuccess) return Error.NotFound("attachment");
        var attachment = await tickets.FindAttachmentAsync(ticket.Value.Id, id, cancellationToken);
        if (attachment is null || (attachment.Internal && !me.IsStaff)) return Error.NotFound("attachment");
        return (attachment.FileName, attachment.ContentType);
    }

    /// <summary>Removes a blob an upload that is not kept may have written. Never throws: the lifecycle rule removes what this misses.</summary>
    private async Task ForgetBlobAsync(string id)
    {
        try
        {
            await blobs.DeleteAsync(id, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogForgetFailed(logger, e, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} stored ({ContentType}, {Size} bytes) for {UserId}")]
    private static partial void LogUploaded(ILogger logger, string uploadId, string contentType, long size, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload by {UserId} refused while streaming ({Code}, stopped by {Exception}); nothing kept")]
    private static partial void LogRefusedWhileStreaming(ILogger logger, string exception, string userId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the blob of upload {UploadId}, which was not kept")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception, string uploadId);
}

/// <summary><c>GET /attachments/{id}/link</c>: a read-only URL for the file's bytes and when it stops working.</summary>
public sealed record AttachmentLink(Uri Url, DateTimeOffset ExpiresAt);
