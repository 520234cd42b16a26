using Microsoft.Extensions.Logging;
using Tickets.Common;

namespace Tickets.Attachments;

/// <summary>
/// How a ticket or comment takes the caller's uploads: the ids are checked, claimed for the write before it is made,
/// released when the write fails or is refused, and confirmed once it committed. A claim is the lock that keeps an upload
/// from being attached twice; the sweep (<see cref="AttachmentSweep"/>) settles any claim a crash left unconfirmed.
/// </summary>
public sealed partial class AttachmentClaims(IUploadStore uploads, IAttachmentBlobs blobs, TimeProvider time, ILogger<AttachmentClaims> logger)
{
    public const string Field = "attachmentIds";

    /// <summary>What can be told about the ids without the store: at most ten, well formed, no repeats.</summary>
    public static Validator Validate(Validator v, IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0) return v;
        if (ids.Count > Attachment.MaxPerChange)
            return v.Add(Field, FieldCodes.TooMany, $"At most {Attachment.MaxPerChange} files on one ticket or comment.");
        if (ids.Any(id => !Ids.IsWellFormed(id)))
            return v.Add(Field, FieldCodes.NotAllowed, "Must be ids answered by POST /attachments.");
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            return v.Add(Field, FieldCodes.NotAllowed, "Names the same file twice.");
        return v;
    }

    /// <summary>Claims the caller's unreferenced uploads for <paramref name="target"/>; a 400 naming <c>attachmentIds</c> otherwise, claiming nothing.</summary>
    public async Task<Result<Upload[]>> ClaimAsync(
        IReadOnlyList<string>? ids, string uploaderId, AttachmentTarget target, CancellationToken cancellationToken)
    {
        if (ids is null || ids.Count == 0) return Array.Empty<Upload>();
        var claimed = await uploads.ClaimAsync(ids, uploaderId, target, time.GetUtcNow(), cancellationToken);
        if (claimed.IsSuccess) return claimed.Claimed.ToArray();
        return Error.Field(Field, FieldCodes.NotAllowed,
            $"Must be your own uploads not yet attached to anything: {string.Join(", ", claimed.Refused)} cannot be used.");
    }

    /// <summary>After the write was refused or failed: the uploads may be used again. Never throws (the sweep settles what this misses).</summary>
    public async Task ReleaseAsync(IReadOnlyList<Upload> claimed, AttachmentTarget target)
    {
        if (claimed.Count == 0) return;
        try
        {
            await uploads.ReleaseAsync(claimed.Select(u => u.Id).ToList(), target, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReleaseFailed(logger, e, target.TicketId, claimed.Count);
        }
    }

    /// <summary>
    /// After the write committed: each blob is tagged referenced (so the lifecycle backstop leaves it), and only then
    /// the claims are confirmed, so a claim whose tagging failed stays unconfirmed and the sweep tags it again. Never
    /// throws (the sweep confirms what this misses).
    /// </summary>
    public async Task MarkAttachedAsync(IReadOnlyList<Upload> claimed, AttachmentTarget target)
    {
        if (claimed.Count == 0) return;
        try
        {
            await ConfirmAsync(claimed.Select(u => u.Id).ToList(), target, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogConfirmFailed(logger, e, target.TicketId, claimed.Count);
        }
    }

    /// <summary>Tags the blobs referenced, then confirms the claims (the sweep's way too, for a claim seen committed).</summary>
    public async Task ConfirmAsync(IReadOnlyList<string> ids, AttachmentTarget target, CancellationToken cancellationToken)
    {
        await Task.WhenAll(ids.Select(id => blobs.MarkReferencedAsync(id, cancellationToken)));
        await uploads.MarkAttachedAsync(ids, target, time.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release {Count} upload(s) claimed for ticket {TicketId}; the attachment sweep will")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string ticketId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not confirm {Count} upload(s) attached to ticket {TicketId}; the attachment sweep will")]
    private static partial void LogConfirmFailed(ILogger logger, Exception exception, string ticketId, int count);
}
