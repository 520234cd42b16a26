using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;

namespace Tickets.CosmosDbServer;

/// <summary>
/// Bridges the two gaps between the .NET SDK (Gateway mode) and @vercel/cosmosdb-server measured in docs/cosmos.md:
/// the server does not answer the SDK's query-plan request, and it answers a read of a missing item with 500.
/// The plan given back is a pass-through over the whole key range, so the server runs the entire query itself
/// (ORDER BY, TOP, COUNT included), which is exact on its single partition.
/// </summary>
public sealed class CosmosDbServerHandler : RequestHandler
{
    private const string QueryPlanHeader = "x-ms-cosmos-is-query-plan-request";

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
        if (string.Equals(request.Headers[QueryPlanHeader], "True", StringComparison.OrdinalIgnoreCase))
            return new ResponseMessage(HttpStatusCode.OK, request) { Content = new MemoryStream(PassThroughPlan, writable: false) };

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.InternalServerError && IsItemRead(request))
        {
            response.Dispose();
            return new ResponseMessage(HttpStatusCode.NotFound, request, "Entity with the specified id does not exist in the system.");
        }

        return response;
    }

    /// <summary>GET …/docs/{id}: the one request whose 500 means "not found" on this server.</summary>
    private static bool IsItemRead(RequestMessage request)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is null) return false;
        var segments = request.RequestUri.OriginalString.Trim('/').Split('/');
        return segments.Length >= 6 && segments[^2] == "docs";
    }
}
