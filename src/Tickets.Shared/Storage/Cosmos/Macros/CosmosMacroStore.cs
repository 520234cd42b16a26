using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Tickets.Macros;

namespace Tickets.Storage.Cosmos.Macros;

/// <summary>
/// Macros in the <c>meta</c> container, one document (<c>macro:{id}</c>) and so one logical partition each: look-ups are
/// point reads, changes replaces with <c>If-Match</c>. The list is one cross-partition query on <c>type</c>, <c>shared</c>
/// and <c>ownerId</c> (a person's own and the shared ones: a few dozen), sorted here.
/// </summary>
public sealed class CosmosMacroStore(Container meta) : IMacroStore
{
    public async Task<IReadOnlyList<Macro>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var documents = await meta.QueryAllAsync<MacroDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND (c.shared = true OR c.ownerId = @owner)")
                .WithParameter("@type", MacroDocument.DocumentType).WithParameter("@owner", ownerId),
            cancellationToken);
        return [.. documents.Select(d => d.ToMacro(d.ETag ?? ""))
            .OrderBy(m => m.NameKey, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<Macro?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var key = MacroDocument.IdOf(id);
        var read = await meta.ReadOrNullAsync<MacroDocument>(key, new PartitionKey(key), cancellationToken);
        return read is { Document: { Type: MacroDocument.DocumentType } document, ETag: var etag } ? document.ToMacro(etag) : null;
    }

    public async Task<Macro> CreateAsync(Macro macro, CancellationToken cancellationToken = default)
    {
        var document = MacroDocument.From(macro);
        var response = await meta.CreateItemAsync(document, new PartitionKey(document.Id),
            new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        return macro with { ETag = CosmosETag.Unquote(response.ETag) };
    }

    public async Task<Macro?> SaveAsync(Macro macro, string expectedETag, CancellationToken cancellationToken = default)
    {
        var document = MacroDocument.From(macro);
        try
        {
            var response = await meta.ReplaceItemAsync(document, document.Id, new PartitionKey(document.Id),
                new ItemRequestOptions { IfMatchEtag = CosmosETag.Quote(expectedETag), EnableContentResponseOnWrite = false }, cancellationToken);
            return macro with { ETag = CosmosETag.Unquote(response.ETag) };
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string id, string expectedETag, CancellationToken cancellationToken = default)
    {
        var key = MacroDocument.IdOf(id);
        try
        {
            await meta.DeleteItemAsync<MacroDocument>(key, new PartitionKey(key),
                new ItemRequestOptions { IfMatchEtag = CosmosETag.Quote(expectedETag), EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}

/// <summary>A macro in <c>meta</c> (<c>macro:{id}</c>, its own partition): the record nested, owner and shared copied up to query on.</summary>
internal sealed record MacroDocument
{
    public const string DocumentType = "macro";

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentType;
    public required string OwnerId { get; init; }
    public required bool Shared { get; init; }
    public required Macro Macro { get; init; }

    /// <summary>Read from Cosmos (a query returns it in the body); never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string macroId) => "macro:" + macroId;

    public static MacroDocument From(Macro macro) =>
        new() { Id = IdOf(macro.Id), OwnerId = macro.OwnerId, Shared = macro.Shared, Macro = macro with { ETag = "" } };

    public Macro ToMacro(string etag) => Macro with { ETag = CosmosETag.Unquote(etag) };
}
