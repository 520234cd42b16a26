using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Tickets.CosmosDbServer.Batch;

/// <summary>
/// Runs one transactional batch on cosmosdb-server with Cosmos' semantics, as single-item requests to the server:
/// all operations or none, each precondition (<c>If-Match</c>, existence) checked in order, the failing operation
/// answering its own status and every other one 424 Failed Dependency.
/// <list type="number">
/// <item>Batches on one partition take turns (Cosmos runs a batch as one transaction on its partition).</item>
/// <item>Every item the batch touches is read once (one query), and the operations are checked in order against those
/// reads: a stale ETag, an existing id or a missing item fails the batch before anything is written, so the items keep
/// their contents and their ETags, as on Cosmos.</item>
/// <item>The writes then go out, each guarded by the ETag just read: in order for each item, the items side by side.
/// A failure only the server can find (a unique key) undoes the writes made, newest operation first; the restored items
/// are equal in content but carry new ETags (this server cannot restore an ETag). A write that a request outside any
/// batch got in between reruns the whole batch, which then answers as Cosmos would have. The writes ignore the caller's
/// cancellation: Cosmos runs a batch it received to the end.</item>
/// </list>
/// </summary>
internal sealed class AtomicBatch(Container container, PartitionKey partitionKey, IReadOnlyList<BatchOperation> operations)
{
    private const int Attempts = 5;

    private static readonly byte[] NotFoundBody = Error("NotFound", "Entity with the specified id does not exist in the system.");
    private static readonly byte[] ConflictBody = Error("Conflict", "Entity with the specified id already exists in the system.");
    private static readonly byte[] PreconditionBody = Error("PreconditionFailed", "One of the specified pre-condition is not met.");

    /// <summary>Runs the batch; the results are in operation order, one per operation.</summary>
    public async Task<IReadOnlyList<BatchOperationResult>> RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await ReadTouchedItemsAsync(cancellationToken);
            if (Check(items) is { } refused) return refused;

            // Once the checks pass, the batch is as good as received by Cosmos, which commits it whole whatever the caller
            // does next: a caller that gives up (a client cut off) must not leave half its writes behind.
            var outcome = await WriteAsync(items, CancellationToken.None);
            if (outcome.Results is { } results) return results;
            if (attempt == Attempts) return Failed(outcome.FailedIndex, outcome.Failure!);
        }
    }

    /// <summary>Every item the batch touches, as it is now (null: absent), in one partition-scoped query.</summary>
    private async Task<ConcurrentDictionary<string, ItemImage?>> ReadTouchedItemsAsync(CancellationToken cancellationToken)
    {
        var ids = operations.Select(o => o.ItemId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var items = new ConcurrentDictionary<string, ItemImage?>(ids.Select(id => KeyValuePair.Create(id, (ItemImage?)null)), StringComparer.Ordinal);
        if (ids.Length == 0) return items;

        using var query = container.GetItemQueryStreamIterator(
            new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)").WithParameter("@ids", ids),
            requestOptions: new QueryRequestOptions { PartitionKey = partitionKey });
        while (query.HasMoreResults)
        {
            using var page = await query.ReadNextAsync(cancellationToken);
            page.EnsureSuccessStatusCode();
            using var documents = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken);
            foreach (var document in documents.RootElement.GetProperty("Documents").EnumerateArray())
            {
                items[document.GetProperty("id").GetString()!] =
                    new ItemImage(Encoding.UTF8.GetBytes(document.GetRawText()), document.GetProperty("_etag").GetString()!);
            }
        }

        return items;
    }

    /// <summary>Every precondition, in order, against the items as the earlier operations of this batch leave them.</summary>
    private IReadOnlyList<BatchOperationResult>? Check(ConcurrentDictionary<string, ItemImage?> read)
    {
        // Exists, and the ETag a caller could know (none once this batch has written the item).
        var state = read.ToDictionary(p => p.Key, p => (Exists: p.Value is not null, ETag: p.Value?.ETag), StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (operation.Kind is not { } kind)
                return Failed(operation.Index, BadRequest($"Operation type {operation.OperationType} is not supported in a batch."));
            if (operation.ItemId is not { } id)
                return Failed(operation.Index, BadRequest("The input content is invalid because the required property 'id' is missing."));

            var (exists, etag) = state[id];
            var staleIfMatch = operation.IfMatch is { } ifMatch && exists && !SameETag(ifMatch, etag);
            int? refusal = kind switch
            {
                BatchOperationKind.Create when exists => 409,
                BatchOperationKind.Replace or BatchOperationKind.Delete or BatchOperationKind.Patch or BatchOperationKind.Read when !exists => 404,
                BatchOperationKind.Replace or BatchOperationKind.Delete or BatchOperationKind.Patch or BatchOperationKind.Upsert when staleIfMatch => 412,
                _ => null,
            };
            if (refusal is { } status)
                return Failed(operation.Index, new BatchOperationResult(status, Body: status switch { 409 => ConflictBody, 404 => NotFoundBody, _ => PreconditionBody }));

            state[id] = kind switch
            {
                BatchOperationKind.Read => state[id],
                BatchOperationKind.Delete => (false, null),
                _ => (true, null),
            };
        }

        return null;
    }

    /// <summary>
    /// The writes, each guarded by the ETag read. Operations on different items do not depend on each other, so each
    /// item's operations run in order and the items side by side (a batch costs about two round trips, not one per
    /// operation: slow batches would make concurrent writers give up sooner than on Cosmos).
    /// </summary>
    private async Task<WriteOutcome> WriteAsync(ConcurrentDictionary<string, ItemImage?> items, CancellationToken cancellationToken)
    {
        var runs = await Task.WhenAll(operations.GroupBy(o => o.ItemId!, StringComparer.Ordinal)
            .Select(item => WriteItemAsync([.. item], items, cancellationToken)));
        if (runs.Where(r => r.Failure is not null).MinBy(r => r.Failure!.Index) is not { Failure: { } failed })
            return new WriteOutcome([.. runs.SelectMany(r => r.Results).OrderBy(r => r.Index).Select(r => r.Result)], -1, null);

        await RollBackAsync(runs.SelectMany(r => r.Undo), items, cancellationToken);
        return failed.Overtaken
            ? new WriteOutcome(null, failed.Index, failed.Result)
            : new WriteOutcome(Failed(failed.Index, failed.Result), failed.Index, failed.Result);
    }

    /// <summary>One item's operations, in order, until one fails.</summary>
    private async Task<ItemRun> WriteItemAsync(List<BatchOperation> itemOperations, ConcurrentDictionary<string, ItemImage?> items, CancellationToken cancellationToken)
    {
        var run = new ItemRun();
        foreach (var operation in itemOperations)
        {
            var id = operation.ItemId!;
            var before = items[id];
            using var response = await SendAsync(operation, id, before, cancellationToken);
            var body = await BodyAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // 412 on a write guarded by our own read, or 409 on an id that exists now: something outside this batch wrote
                // the item in between. Run again, so the checks answer as Cosmos (which serialises them) would have.
                var overtaken = response.StatusCode == HttpStatusCode.PreconditionFailed
                    || (response.StatusCode == HttpStatusCode.Conflict && await ReadAsync(id, cancellationToken) is not null);
                run.Failure = new ItemFailure(operation.Index, new BatchOperationResult((int)response.StatusCode, SubStatus(response), Body: body), overtaken);
                return run;
            }

            if (operation.Kind != BatchOperationKind.Read)
            {
                run.Undo.Add(new UndoStep(operation.Index, id, before));
                items[id] = operation.Kind == BatchOperationKind.Delete ? null : new ItemImage(body!, response.Headers.ETag);
            }

            var returnsBody = operation.Kind == BatchOperationKind.Read || !operation.MinimalReturn;
            run.Results.Add((operation.Index, new BatchOperationResult((int)response.StatusCode, ETag: response.Headers.ETag,
                Body: returnsBody ? body : null, RequestCharge: response.Headers.RequestCharge)));
        }

        return run;
    }

    private Task<ResponseMessage> SendAsync(BatchOperation operation, string id, ItemImage? before, CancellationToken cancellationToken)
    {
        // Writes to an existing item are guarded by the ETag read above (the caller's own If-Match was checked against it).
        var guard = new ItemRequestOptions { IfMatchEtag = before?.ETag };
        return operation.Kind switch
        {
            BatchOperationKind.Create => container.CreateItemStreamAsync(Stream(operation.Body), partitionKey, cancellationToken: cancellationToken),
            // An upsert of a missing item is a create, so an item someone else created meanwhile is not overwritten.
            BatchOperationKind.Upsert when before is null => container.CreateItemStreamAsync(Stream(operation.Body), partitionKey, cancellationToken: cancellationToken),
            BatchOperationKind.Upsert => container.UpsertItemStreamAsync(Stream(operation.Body), partitionKey, guard, cancellationToken),
            BatchOperationKind.Replace => container.ReplaceItemStreamAsync(Stream(operation.Body), id, partitionKey, guard, cancellationToken),
            BatchOperationKind.Delete => container.DeleteItemStreamAsync(id, partitionKey, guard, cancellationToken),
            BatchOperationKind.Patch => Patch(operation, id, before, cancellationToken),
            _ => container.ReadItemStreamAsync(id, partitionKey, new ItemRequestOptions { IfNoneMatchEtag = operation.IfNoneMatch }, cancellationToken),
        };
    }

    private Task<ResponseMessage> Patch(BatchOperation operation, string id, ItemImage? before, CancellationToken cancellationToken)
    {
        var (patch, condition) = PatchBody.Parse(operation.Body);
        return container.PatchItemStreamAsync(id, partitionKey, patch,
            new PatchItemRequestOptions { IfMatchEtag = before?.ETag, FilterPredicate = condition }, cancellationToken);
    }

    /// <summary>Undoes the writes made, newest operation first: the items end as they were read (with new ETags).</summary>
    private async Task RollBackAsync(IEnumerable<UndoStep> undo, ConcurrentDictionary<string, ItemImage?> items, CancellationToken cancellationToken)
    {
        foreach (var step in undo.OrderByDescending(u => u.Index))
        {
            var now = items[step.Id];
            using var response = (step.Before, now) switch
            {
                (null, { } written) => await container.DeleteItemStreamAsync(step.Id, partitionKey, new ItemRequestOptions { IfMatchEtag = written.ETag }, cancellationToken),
                ({ } before, null) => await container.CreateItemStreamAsync(Stream(before.Body), partitionKey, cancellationToken: cancellationToken),
                ({ } before, { } written) => await container.ReplaceItemStreamAsync(Stream(before.Body), step.Id, partitionKey,
                    new ItemRequestOptions { IfMatchEtag = written.ETag }, cancellationToken),
                _ => null,
            };
            if (response is null) continue;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"cosmosdb-server batch emulation could not roll back item '{step.Id}' ({(int)response.StatusCode}): the partition is left half-written.");
            }

            items[step.Id] = step.Before is null ? null : new ItemImage(step.Before.Body, response.Headers.ETag);
        }
    }

    private async Task<ItemImage?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return new ItemImage((await BodyAsync(response, cancellationToken))!, response.Headers.ETag);
    }

    private static async Task<byte[]?> BodyAsync(ResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null) return null;
        using var buffer = new MemoryStream();
        await response.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private IReadOnlyList<BatchOperationResult> Failed(int index, BatchOperationResult failure) =>
        operations.Select(o => o.Index == index ? failure : BatchOperationResult.FailedDependency).ToList();

    /// <summary>The server's ETags are bare, Cosmos' are quoted: either spelling of one ETag is that ETag.</summary>
    private static bool SameETag(string a, string? b) => b is not null && a.Trim('"') == b.Trim('"');

    private static int SubStatus(ResponseMessage response) =>
        int.TryParse(response.Headers["x-ms-substatus"], System.Globalization.CultureInfo.InvariantCulture, out var subStatus) ? subStatus : 0;

    private static MemoryStream Stream(byte[]? body) => new(body ?? [], writable: false);

    private static BatchOperationResult BadRequest(string message) => new(400, Body: Error("BadRequest", message));

    private static byte[] Error(string code, string message) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = code, ["message"] = message }));

    private sealed record ItemImage(byte[] Body, string ETag);

    private sealed record UndoStep(int Index, string Id, ItemImage? Before);

    private sealed record ItemFailure(int Index, BatchOperationResult Result, bool Overtaken);

    /// <summary>What one item's operations did: their results, how to undo them, and the failure that stopped them.</summary>
    private sealed class ItemRun
    {
        public List<(int Index, BatchOperationResult Result)> Results { get; } = [];

        public List<UndoStep> Undo { get; } = [];

        public ItemFailure? Failure { get; set; }
    }

    /// <summary>Results when the batch is done (committed, or refused for good); otherwise the failure that asks for another run.</summary>
    private sealed record WriteOutcome(IReadOnlyList<BatchOperationResult>? Results, int FailedIndex, BatchOperationResult? Failure);
}
