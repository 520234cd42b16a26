using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Tickets;

namespace Tickets.Attachments;

/// <summary>
/// The attachments' upkeep (timer <c>AttachmentSweep</c>, <c>Tickets:Attachments:SweepSchedule</c>): uploads nothing
/// referenced for <see cref="AttachmentOptions.UnreferencedLifetime"/> are removed, and claims left unconfirmed for
/// <see cref="AttachmentOptions.ClaimGrace"/> (a crash between the ticket's write and the confirmation, or a write that
/// never happened) are settled by the ticket itself: confirmed (its blob tagged referenced) when it holds the file's
/// record, released otherwise. A removed upload's record goes first and its blob after; a blob left behind keeps its
/// unreferenced tag, and the container's lifecycle rule removes it.
/// </summary>
public sealed partial class AttachmentSweep(
    IUploadStore uploads, IAttachmentBlobs blobs, AttachmentClaims claims, ITicketStore tickets, IOptions<AttachmentOptions> options, TimeProvider time,
    ILogger<AttachmentSweep> logger)
{
    /// <summary>Uploads looked at per store query; a run goes on while pages come back full, up to <see cref="MaxPages"/>.</summary>
    public const int PageSize = 100;

    private const int MaxPages = 20;

    /// <returns>How many uploads were removed, confirmed and released.</returns>
    public async Task<SweepOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var outcome = new SweepOutcome(0, 0, 0);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            var now = time.GetUtcNow();
            var stale = await uploads.ListStaleAsync(now - options.Value.UnreferencedLifetime, now - options.Value.ClaimGrace, PageSize, cancellationToken);
            var fresh = stale.Where(u => !failed.Contains(u.Id)).ToList();
            foreach (var upload in fresh)
            {
                try
                {
                    outcome += await SettleAsync(upload, now, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One upload the store or the blob service cannot settle now waits for the next run; the rest go on.
                    failed.Add(upload.Id);
                    LogFailed(logger, e, upload.Id);
                }
            }

            if (stale.Count < PageSize || fresh.Count == 0) break;
        }

        if (outcome.Removed + outcome.Confirmed + outcome.Released > 0)
            LogSwept(logger, outcome.Removed, outcome.Confirmed, outcome.Released);
        return outcome;
    }

    private async Task<SweepOutcome> SettleAsync(Upload upload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (upload.Target is not { } target)
        {
            // The record first (only while still unreferenced, atomically): an upload claimed at this very moment keeps
            // its blob. A blob whose removal fails after that is no one's; the container's lifecycle rule removes it.
            if (!await uploads.DeleteUnreferencedAsync(upload.Id, cancellationToken)) return new SweepOutcome(0, 0, 0);
            await blobs.DeleteAsync(upload.BlobName, cancellationToken);
            return new SweepOutcome(1, 0, 0);
        }

        if (await tickets.FindAttachmentAsync(target.TicketId, upload.Id, cancellationToken) is not null)
        {
            await claims.ConfirmAsync([upload.Id], target, cancellationToken);
            return new SweepOutcome(0, 1, 0);
        }

        await uploads.ReleaseAsync([upload.Id], target, cancellationToken);
        return new SweepOutcome(0, 0, 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment sweep: {Removed} unreferenced upload(s) removed, {Confirmed} claim(s) confirmed, {Released} released")]
    private static partial void LogSwept(ILogger logger, int removed, int confirmed, int released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment sweep could not settle upload {UploadId}; the next run will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string uploadId);
}

/// <summary>What one sweep did.</summary>
public sealed record SweepOutcome(int Removed, int Confirmed, int Released)
{
    public static SweepOutcome operator +(SweepOutcome a, SweepOutcome b) =>
        new(a.Removed + b.Removed, a.Confirmed + b.Confirmed, a.Released + b.Released);
}
