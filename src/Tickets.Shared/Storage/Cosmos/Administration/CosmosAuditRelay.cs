using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Administration.Audit;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>
/// Delivers the audit entries of user changes to the log. A user lives in <c>users</c> (partition <c>/id</c>) and the log in
/// <c>admin</c> (partition "config"): no batch spans both, so an admin's change writes its entries inside the user document
/// itself (<see cref="UserDocument.PendingAudit"/>, one atomic replace), and they are copied to the log right after and then
/// removed from the document. A copy is idempotent (the log document's id is the entry's: a 409 means it is there already);
/// the removal is conditional on the document being the one just written, so it never undoes a later change. Whatever a
/// crash or a failure leaves in a document is carried by its next write and delivered then, or by the <c>AuditSweep</c> timer.
/// </summary>
internal sealed partial class CosmosAuditRelay(
    Container users, Container admin, IOptions<AuditOptions> options, TimeProvider time, ILogger<CosmosAuditRelay> logger)
{
    /// <summary>
    /// Copies <paramref name="document"/>'s pending entries to the log and removes them from it if it still has
    /// <paramref name="etag"/>; returns how many entries are in the log now. A failure is logged and leaves them pending.
    /// </summary>
    public async Task<int> DeliverAsync(UserDocument document, string etag, CancellationToken cancellationToken)
    {
        if (document.PendingAudit is not { Count: > 0 } pending) return 0;
        try
        {
            foreach (var entry in pending) await AppendAsync(entry, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotDelivered(logger, e, document.Id, pending.Count);
            return 0;
        }

        try
        {
            await users.ReplaceItemAsync(document with { PendingAudit = null }, document.Id, new PartitionKey(document.Id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Changed since: the newer write carried the entries over and delivers them itself (the copies are idempotent).
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotCleared(logger, e, document.Id);
        }

        return pending.Count;
    }

    private async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        // Cosmos counts ttl from the document's last write: an entry delivered late keeps the retention it started with.
        var left = options.Value.Retention - (time.GetUtcNow() - entry.At);
        if (left <= TimeSpan.Zero) return;
        try
        {
            await admin.CreateItemAsync(AuditDocument.From(entry, left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left),
                new PartitionKey(AdminPartitions.Config), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Delivered before (a retried relay, or the sweep and a write at once).
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit entries of user {UserId} not delivered to the log now; the next write or the sweep will")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception, string userId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit entries of user {UserId} are in the log but were not removed from the user; they will be delivered again (idempotently)")]
    private static partial void LogNotCleared(ILogger logger, Exception exception, string userId);
}
