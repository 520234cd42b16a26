using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Inbound;

namespace Tickets.Storage.Cosmos.Inbound;

/// <summary>
/// The e-mail channel's records in the <c>meta</c> container, each document its own logical partition: a processed
/// message (<see cref="InboundMailDocument"/>) is found by a point read and added by a create (a 409 means it is
/// there: it is read and answered); a mailbox's state (<see cref="MailboxDocument"/>) is saved with a create (version 0)
/// or a replace under the ETag of the version read, so of two polls saving from one version only one wins. The admin
/// list, the figures and the clean-up are cross-partition queries on <c>listKey</c> / <c>processedAt</c>, bounded by
/// <c>TOP</c> or by a day's records.
/// </summary>
public sealed class CosmosInboundMailStore(Container meta) : IInboundMailStore
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<InboundMailRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var documentId = MetaIds.InboundMail(id);
        return await meta.ReadOrNullAsync<InboundMailDocument>(documentId, new PartitionKey(documentId), cancellationToken) is { } read
            ? read.Document.Record
            : null;
    }

    public async Task<InboundMailRecord> AddAsync(InboundMailRecord record, CancellationToken cancellationToken = default)
    {
        var document = InboundMailDocument.From(record);
        try
        {
            await meta.CreateItemAsync(document, new PartitionKey(document.Id), NoContent, cancellationToken);
            return record;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Records are never changed once added, only deleted when old: the one there is the answer.
            return await FindAsync(record.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Inbound mail record {record.Id} conflicted on create but cannot be read.", e);
        }
    }

    /// <summary><c>ORDER BY c.listKey DESC</c> with <c>TOP</c>: one path, so the default range index serves it.</summary>
    public async Task<IReadOnlyList<InboundMailRecord>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0) return [];
        var query = new QueryDefinition("SELECT TOP @limit * FROM c WHERE c.type = @type ORDER BY c.listKey DESC")
            .WithParameter("@limit", limit)
            .WithParameter("@type", InboundMailDocument.DocumentType);
        var documents = await meta.QueryAllAsync<InboundMailDocument>(query, cancellationToken);
        return documents.Select(d => d.Record).ToList();
    }

    /// <summary>
    /// The period's count keys, counted here: an admin view over a day's records. A <c>GROUP BY</c> would read the same
    /// documents (Cosmos charges for what it reads) and needs the query plan the test server lacks.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.countKey FROM c WHERE c.type = @type AND c.processedAt >= @since")
            .WithParameter("@type", InboundMailDocument.DocumentType)
            .WithParameter("@since", SortableTime.Of(since));
        var keys = await meta.QueryAllAsync<string>(query, cancellationToken);
        return keys.CountBy(k => k, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The ids by one query, then a delete each (a record another clean-up deleted first is not counted).</summary>
    public async Task<int> DeleteProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.type = @type AND c.processedAt < @before")
            .WithParameter("@type", InboundMailDocument.DocumentType)
            .WithParameter("@before", SortableTime.Of(before));
        var deleted = 0;
        foreach (var id in await meta.QueryAllAsync<string>(query, cancellationToken))
        {
            using var response = await meta.DeleteItemStreamAsync(id, new PartitionKey(id), cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) continue;
            response.EnsureSuccessStatusCode();
            deleted++;
        }

        return deleted;
    }

    public async Task<MailboxState?> GetMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var documentId = MetaIds.Mailbox(mailbox);
        return await meta.ReadOrNullAsync<MailboxDocument>(documentId, new PartitionKey(documentId), cancellationToken) is { } read
            ? read.Document.Mailbox
            : null;
    }

    public async Task<MailboxState?> SaveMailboxAsync(MailboxState state, CancellationToken cancellationToken = default)
    {
        var saved = state with { Version = state.Version + 1 };
        var document = MailboxDocument.From(saved);
        var partitionKey = new PartitionKey(document.Id);
        try
        {
            if (state.Version == 0)
            {
                await meta.CreateItemAsync(document, partitionKey, NoContent, cancellationToken);
                return saved;
            }

            if (await meta.ReadOrNullAsync<MailboxDocument>(document.Id, partitionKey, cancellationToken) is not { } read
                || read.Document.Mailbox.Version != state.Version) return null;
            await meta.ReplaceItemAsync(document, document.Id, partitionKey,
                new ItemRequestOptions { IfMatchEtag = read.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
            return saved;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Another poll saved first (or, for a replace, the state was removed since it was read).
            return null;
        }
    }
}
