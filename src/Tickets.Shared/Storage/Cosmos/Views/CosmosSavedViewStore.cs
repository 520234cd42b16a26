using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.SavedViews;

namespace Tickets.Storage.Cosmos.Views;

/// <summary>
/// Saved views in the <c>meta</c> container, one document each (<see cref="SavedViewDocument"/>): a view is found by a
/// point read and changed by a replace. The list is one cross-partition query on <c>type</c>, <c>shared</c> and
/// <c>ownerId</c>, sorted here (a person sees at most their own fifty and the shared ones). The personal limit is
/// checked by a query before the create: two saves by the same person at the same instant may both pass it, which the
/// limit tolerates (it keeps lists short; it is no quota).
/// </summary>
public sealed class CosmosSavedViewStore(Container meta) : ISavedViewStore
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<IReadOnlyList<SavedView>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND (c.shared = true OR c.ownerId = @owner)")
            .WithParameter("@type", SavedViewDocument.DocumentType)
            .WithParameter("@owner", ownerId);
        var documents = await meta.QueryAllAsync<SavedViewDocument>(query, cancellationToken);
        return documents.OrderBy(d => d.NameKey, StringComparer.Ordinal).ThenBy(d => d.View.Id, StringComparer.Ordinal).Select(d => d.View).ToList();
    }

    public async Task<SavedView?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var documentId = SavedViewDocument.IdOf(id);
        return await meta.ReadOrNullAsync<SavedViewDocument>(documentId, new PartitionKey(documentId), cancellationToken) is { } read
            ? read.Document.View
            : null;
    }

    public async Task<bool> AddAsync(SavedView view, int personalLimit, CancellationToken cancellationToken = default)
    {
        if (!view.Shared)
        {
            // The ids, counted here: an aggregate across partitions needs a query plan, and there are at most the limit.
            var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.type = @type AND c.ownerId = @owner AND c.shared = false")
                .WithParameter("@type", SavedViewDocument.DocumentType)
                .WithParameter("@owner", view.OwnerId);
            if ((await meta.QueryAllAsync<string>(query, cancellationToken)).Count >= personalLimit) return false;
        }

        var document = SavedViewDocument.From(view);
        await meta.CreateItemAsync(document, new PartitionKey(document.Id), NoContent, cancellationToken);
        return true;
    }

    public async Task<bool> ReplaceAsync(SavedView view, CancellationToken cancellationToken = default)
    {
        var document = SavedViewDocument.From(view);
        try
        {
            await meta.ReplaceItemAsync(document, document.Id, new PartitionKey(document.Id), NoContent, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var documentId = SavedViewDocument.IdOf(id);
        using var response = await meta.DeleteItemStreamAsync(documentId, new PartitionKey(documentId), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }
}
