using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Administration.Audit;
using Tickets.Administration.Categories;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>
/// Categories in the configuration partition of the <c>admin</c> container: a change and its audit entry are one
/// transactional batch; the list is a single-partition query; the seed is one batch with its marker, so it happens once.
/// </summary>
public sealed class CosmosCategoryStore(Container admin, TimeSpan auditRetention, TimeProvider time) : ICategoryStore
{
    private static readonly PartitionKey Config = new(AdminPartitions.Config);
    private static readonly TransactionalBatchItemRequestOptions NoBatchContent = new() { EnableContentResponseOnWrite = false };
    private const string SeedId = "seed:categories";

    public async Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken = default)
    {
        var documents = await admin.QueryAllAsync<CategoryDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.type = @type").WithParameter("@type", CategoryDocument.DocumentType),
            cancellationToken, new QueryRequestOptions { PartitionKey = Config });
        return [.. documents.Select(d => d.ToCategory(d.ETag ?? "")).OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    public async Task<Category?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var read = await admin.ReadOrNullAsync<CategoryDocument>(CategoryDocument.IdOf(id), Config, cancellationToken);
        return read is { Document: { Type: CategoryDocument.DocumentType } document, ETag: var etag } ? document.ToCategory(etag) : null;
    }

    public async Task<Category?> CreateAsync(Category category, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .CreateItem(CategoryDocument.From(category), NoBatchContent)
            .CreateItem(AuditDocument.From(audit, auditRetention), NoBatchContent)
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return category with { ETag = CosmosETag.Unquote(response[0].ETag) };
        if (response.StatusCode == HttpStatusCode.Conflict) return null;
        throw CosmosConfig.Failure(response, "category create", category.Id);
    }

    public async Task<Category?> SaveAsync(Category category, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        using var response = await admin.CreateTransactionalBatch(Config)
            .ReplaceItem(CategoryDocument.IdOf(category.Id), CategoryDocument.From(category), CosmosConfig.IfMatch(expectedETag))
            .CreateItem(AuditDocument.From(audit, auditRetention), NoBatchContent)
            .ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return category with { ETag = CosmosETag.Unquote(response[0].ETag) };
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return null;
        throw CosmosConfig.Failure(response, "category save", category.Id);
    }

    /// <summary>The marker and every category in one batch: a second instance's batch meets the marker (409) and writes nothing.</summary>
    public async Task<bool> SeedAsync(IReadOnlyList<Category> categories, CancellationToken cancellationToken = default)
    {
        var batch = admin.CreateTransactionalBatch(Config)
            .CreateItem(new SeedDocument(SeedId, AdminPartitions.Config, SeedDocument.DocumentType, SortableTime.Of(time.GetUtcNow())), NoBatchContent);
        foreach (var category in categories) batch.CreateItem(CategoryDocument.From(category), NoBatchContent);
        using var response = await batch.ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        throw CosmosConfig.Failure(response, "category seed", SeedId);
    }
}
