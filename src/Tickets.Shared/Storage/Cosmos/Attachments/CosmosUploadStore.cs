using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Attachments;

namespace Tickets.Storage.Cosmos.Attachments;

/// <summary>
/// Uploads in the <c>meta</c> container, one document (<c>upload:{id}</c>) and so one logical partition per upload: every
/// look-up is a point read and every change a replace with <c>If-Match</c>. Uploads live in different partitions, so a claim
/// of several cannot be one batch: all are read and checked first (a refusal writes nothing), then each is claimed under
/// its ETag, and should one be taken in between, those this call claimed are given back. The sweep's work is one
/// cross-partition query on <c>state</c> and <c>since</c> (a few a day: uploads are few, and the sweep runs hourly).
/// </summary>
public sealed class CosmosUploadStore(Container meta) : IUploadStore
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    /// <summary>A conditional write that lost to a concurrent one reads and decides again, this many times at most.</summary>
    private const int Attempts = 5;

    public async Task AddAsync(Upload upload, CancellationToken cancellationToken = default)
    {
        var document = UploadDocument.From(upload);
        await meta.CreateItemAsync(document, new PartitionKey(document.Id), NoContent, cancellationToken);
    }

    public async Task<Upload?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await ReadAsync(id, cancellationToken) is { } read ? read.Document.ToUpload(read.ETag) : null;

    public async Task<ClaimResult> ClaimAsync(
        IReadOnlyList<string> ids, string uploaderId, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var found = new List<Upload?>(ids.Count);
        foreach (var id in ids) found.Add(await FindAsync(id, cancellationToken));
        var refused = ids.Where((_, i) => found[i] is not { } upload || !MayClaim(upload, uploaderId, target)).ToList();
        if (refused.Count > 0) return new ClaimResult([], refused);

        var claimed = new List<Upload>(ids.Count);
        var byThisCall = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var outcome = await ChangeAsync(ids[i], found[i]!, upload =>
                !MayClaim(upload, uploaderId, target) ? Decision.Refuse
                : upload.IsClaimed ? Decision.Keep
                : Decision.Write(upload with { Target = target, ClaimedAt = now }), cancellationToken);
            if (outcome.Upload is null)
            {
                // Taken by another write since it was read: give back what this call claimed (a retried write's earlier claims stay).
                await ReleaseAsync(byThisCall, target, cancellationToken);
                return new ClaimResult([], [ids[i]]);
            }

            if (outcome.Written) byThisCall.Add(ids[i]);
            claimed.Add(outcome.Upload);
        }

        return new ClaimResult(claimed, []);
    }

    public async Task ReleaseAsync(IReadOnlyList<string> ids, AttachmentTarget target, CancellationToken cancellationToken = default)
    {
        foreach (var id in ids)
        {
            await ChangeAsync(id, await FindAsync(id, cancellationToken), upload =>
                upload.Target == target && upload.AttachedAt is null
                    ? Decision.Write(upload with { Target = null, ClaimedAt = null })
                    : Decision.Keep, cancellationToken);
        }
    }

    public async Task MarkAttachedAsync(IReadOnlyList<string> ids, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        foreach (var id in ids)
        {
            await ChangeAsync(id, await FindAsync(id, cancellationToken), upload =>
                upload.Target == target && upload.AttachedAt is null
                    ? Decision.Write(upload with { AttachedAt = now })
                    : Decision.Keep, cancellationToken);
        }
    }

    /// <summary>One cross-partition query, <c>ORDER BY c.since</c> (a single path: the default range index serves it).</summary>
    public async Task<IReadOnlyList<Upload>> ListStaleAsync(
        DateTimeOffset unreferencedBefore, DateTimeOffset claimedBefore, int limit, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("""
                SELECT TOP @limit * FROM c
                WHERE c.type = @type
                  AND ((c.state = @unreferenced AND c.since < @unreferencedBefore) OR (c.state = @claimed AND c.since < @claimedBefore))
                ORDER BY c.since
                """)
            .WithParameter("@limit", limit)
            .WithParameter("@type", UploadDocument.DocumentType)
            .WithParameter("@unreferenced", UploadDocument.States.Unreferenced)
            .WithParameter("@unreferencedBefore", SortableTime.Of(unreferencedBefore))
            .WithParameter("@claimed", UploadDocument.States.Claimed)
            .WithParameter("@claimedBefore", SortableTime.Of(claimedBefore));
        var documents = await meta.QueryAllAsync<UploadDocument>(query, cancellationToken);
        return documents.Select(d => d.ToUpload(d.ETag ?? "")).ToList();
    }

    public async Task<bool> DeleteUnreferencedAsync(string id, CancellationToken cancellationToken = default)
    {
        var documentId = UploadDocument.IdOf(id);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await FindAsync(id, cancellationToken) is not { IsClaimed: false } upload) return false;
            using var response = await meta.DeleteItemStreamAsync(documentId, new PartitionKey(documentId),
                new ItemRequestOptions { IfMatchEtag = CosmosETag.Quote(upload.ETag) }, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            // 412: changed (claimed) since it was read: read and decide again.
            if (response.StatusCode == HttpStatusCode.PreconditionFailed) continue;
            response.EnsureSuccessStatusCode();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Applies <paramref name="decide"/> to the upload as stored (<paramref name="current"/>, already read), writing its
    /// result under the ETag it was read at; a write that lost to a concurrent one reads and decides again.
    /// </summary>
    private async Task<(Upload? Upload, bool Written)> ChangeAsync(
        string id, Upload? current, Func<Upload, Decision> decide, CancellationToken cancellationToken)
    {
        var documentId = UploadDocument.IdOf(id);
        for (var attempt = 1; attempt <= Attempts && current is not null; attempt++)
        {
            var decision = decide(current);
            if (decision.Refused) return (null, false);
            if (decision.Next is not { } next) return (current, false);
            try
            {
                var response = await meta.ReplaceItemAsync(UploadDocument.From(next), documentId, new PartitionKey(documentId),
                    new ItemRequestOptions { IfMatchEtag = CosmosETag.Quote(current.ETag), EnableContentResponseOnWrite = false }, cancellationToken);
                return (next with { ETag = CosmosETag.Unquote(response.ETag) }, true);
            }
            catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                current = await FindAsync(id, cancellationToken);
            }
        }

        return (null, false);
    }

    private Task<(UploadDocument Document, string ETag)?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = UploadDocument.IdOf(id);
        return meta.ReadOrNullAsync<UploadDocument>(documentId, new PartitionKey(documentId), cancellationToken);
    }

    /// <summary>An upload of <paramref name="uploaderId"/>, unreferenced or already claimed for this very target (a retried write).</summary>
    private static bool MayClaim(Upload upload, string uploaderId, AttachmentTarget target) =>
        upload.UploadedBy.Id == uploaderId && (upload.Target is null || upload.Target == target);

    private readonly record struct Decision(bool Refused, Upload? Next)
    {
        public static Decision Refuse => new(true, null);

        public static Decision Keep => new(false, null);

        public static Decision Write(Upload next) => new(false, next);
    }
}
