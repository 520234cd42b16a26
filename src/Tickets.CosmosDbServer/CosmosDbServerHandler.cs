using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Tickets.CosmosDbServer.Batch;

namespace Tickets.CosmosDbServer;

/// <summary>
/// Bridges the gaps between the .NET SDK (Gateway mode) and @vercel/cosmosdb-server, so the adapter's own calls run
/// there as they run on Cosmos:
/// <list type="bullet">
/// <item>the query-plan request, which the server does not answer, gets a pass-through plan over the whole key range
/// (the server then runs the entire query itself: ORDER BY, TOP, COUNT, exact on its single partition);</item>
/// <item>a read of a missing item, which the server answers with 500, becomes Cosmos' 404;</item>
/// <item>a transactional batch, whose binary body the server cannot parse, runs as <see cref="AtomicBatch"/> and is
/// answered in the SDK's batch format;</item>
/// <item>a container definition gets the reverse of its composite indexes (<see cref="ReverseCompositeIndexes"/>);</item>
/// <item>a query scoped to a partition key gets that key in its text (<see cref="PartitionScopedQuery"/>);</item>
/// <item><c>If-Match</c>/<c>If-None-Match</c> lose Cosmos' quotes, since this server's ETags are bare.</item>
/// </list>
/// </summary>
/// <param name="client">The client whose pipeline this handler is in: batches run as its single-item calls.</param>
public sealed class CosmosDbServerHandler(Func<CosmosClient> client) : RequestHandler
{
    private const string QueryPlanHeader = "x-ms-cosmos-is-query-plan-request";
    private const string BatchHeader = "x-ms-cosmos-is-batch-request";
    private const string PartitionKeyHeader = "x-ms-documentdb-partitionkey";
    private const string QueryHeader = "x-ms-documentdb-isquery";
    private const string CrossPartitionHeader = "x-ms-documentdb-query-enablecrosspartition";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _partitionKeyPaths = new(StringComparer.Ordinal);

    private static readonly byte[] PassThroughPlan = Encoding.UTF8.GetBytes("""
        {
          "partitionedQueryExecutionInfoVersion": 2,
          "queryInfo": {
            "distinctType": "None",
            "top": null, "offset": null, "limit": null,
            "orderBy": [], "orderByExpressions": [],
            "groupByExpressions": [], "groupByAliases": [], "aggregates": [], "groupByAliasToAggregateType": {},
            "rewrittenQuery": "", "hasSelectValue": false, "dCountInfo": null, "hasNonStreamingOrderBy": false
          },
          "queryRanges": [{ "min": "", "max": "FF", "isMinInclusive": true, "isMaxInclusive": false }]
        }
        """);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (IsTrue(request.Headers[QueryPlanHeader]))
            return new ResponseMessage(HttpStatusCode.OK, request) { Content = new MemoryStream(PassThroughPlan, writable: false) };
        if (IsTrue(request.Headers[BatchHeader]))
            return await RunBatchAsync(request, cancellationToken);

        UnquoteETag(request, "If-Match");
        UnquoteETag(request, "If-None-Match");
        if (IsContainerDefinition(request))
            request.Content = ReverseCompositeIndexes.AddTo(request.Content);
        if (IsPartitionScopedQuery(request))
            await ScopeQueryToPartitionAsync(request);

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.InternalServerError && IsItemRead(request))
        {
            response.Dispose();
            return new ResponseMessage(HttpStatusCode.NotFound, request, "Entity with the specified id does not exist in the system.");
        }

        return response;
    }

    private async Task<ResponseMessage> RunBatchAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        // …/dbs/{database}/colls/{container}: the batch's container; the partition is the request's.
        var segments = Segments(request);
        var container = client().GetContainer(segments[1], segments[3]);
        var partitionKeyJson = request.Headers[PartitionKeyHeader]
            ?? throw new InvalidOperationException("A transactional batch without a partition key reached cosmosdb-server.");
        var operations = await BatchWireFormat.ReadOperationsAsync(request.Content);

        var results = await PartitionTurns.TakeAsync($"{segments[1]}/{segments[3]}/{partitionKeyJson}",
            () => new AtomicBatch(container, PartitionKeyJson.Parse(partitionKeyJson), operations).RunAsync(cancellationToken),
            cancellationToken);

        // Cosmos answers 200 when every operation succeeded and 207 Multi-Status otherwise; the SDK then reports the
        // failed operation's own status (404, 409, 412, …) as the batch's.
        var success = results.All(r => r.IsSuccess);
        var response = new ResponseMessage(success ? HttpStatusCode.OK : (HttpStatusCode)207, request, errorMessage: null)
        {
            Content = await BatchWireFormat.WriteResultsAsync(results),
        };
        response.Headers["x-ms-request-charge"] = results.Sum(r => r.RequestCharge).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ms-activity-id"] = Guid.NewGuid().ToString();
        return response;
    }

    private async Task ScopeQueryToPartitionAsync(RequestMessage request)
    {
        var segments = Segments(request);
        var link = $"{segments[1]}/{segments[3]}";
        if (!_partitionKeyPaths.TryGetValue(link, out var paths))
        {
            // Only answers are kept: a container that does not exist yet is asked about again next time.
            var container = await client().GetContainer(segments[1], segments[3]).ReadContainerAsync();
            paths = _partitionKeyPaths[link] = container.Resource.PartitionKeyPaths ?? [container.Resource.PartitionKeyPath];
        }
        if (JsonNode.Parse(request.Headers[PartitionKeyHeader]) is JsonArray values
            && PartitionScopedQuery.Scope(request.Content, paths, values) is { } scoped)
        {
            request.Content = new MemoryStream(scoped, writable: false);
        }
        else
        {
            request.Content.Position = 0;
        }
    }

    private static void UnquoteETag(RequestMessage request, string header)
    {
        if (request.Headers[header] is { Length: > 1 } value && value[0] == '"' && value[^1] == '"')
            request.Headers[header] = value[1..^1];
    }

    private static bool IsTrue(string? header) => string.Equals(header, "True", StringComparison.OrdinalIgnoreCase);

    private static string[] Segments(RequestMessage request) =>
        request.RequestUri is null ? [] : [.. request.RequestUri.OriginalString.Trim('/').Split('/').Select(Uri.UnescapeDataString)];

    /// <summary>GET …/docs/{id}: the one request whose 500 means "not found" on this server.</summary>
    private static bool IsItemRead(RequestMessage request)
    {
        if (request.Method != HttpMethod.Get) return false;
        var segments = Segments(request);
        return segments.Length >= 6 && segments[^2] == "docs";
    }

    /// <summary>A query with a partition key (<c>QueryRequestOptions.PartitionKey</c>) rather than across partitions.</summary>
    private static bool IsPartitionScopedQuery(RequestMessage request) =>
        IsTrue(request.Headers[QueryHeader]) && !IsTrue(request.Headers[CrossPartitionHeader])
        && request.Headers[PartitionKeyHeader] is { Length: > 0 } && request.Content is { CanSeek: true }
        && Segments(request) is ["dbs", _, "colls", _] or ["dbs", _, "colls", _, "docs"];

    /// <summary>POST dbs/{database} (a create names the parent) or PUT dbs/{database}/colls/{container}, with a body.</summary>
    private static bool IsContainerDefinition(RequestMessage request)
    {
        var segments = Segments(request);
        return request.Content is { CanSeek: true }
            && ((request.Method == HttpMethod.Post && segments is ["dbs", _]) || (request.Method == HttpMethod.Put && segments is ["dbs", _, "colls", _]));
    }
}
