using System.Text;
using System.Text.Json.Nodes;
using Tickets.CosmosDbServer;

namespace Tickets.UnitTests.CosmosDbServer;

/// <summary>cosmosdb-server needs a partition-scoped query to test the partition key in its text; Cosmos takes it from the request.</summary>
public sealed class PartitionScopedQueryTests
{
    private static (string Query, JsonArray Parameters) Scope(string query, params string[] paths)
    {
        var body = new JsonObject { ["query"] = query, ["parameters"] = new JsonArray(new JsonObject { ["name"] = "@t", ["value"] = "x" }) };
        var values = new JsonArray([.. paths.Select((_, i) => (JsonNode)JsonValue.Create($"key{i}"))]);
        var scoped = PartitionScopedQuery.Scope(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())), paths, values);
        var result = JsonNode.Parse(scoped!)!;
        return (result["query"]!.GetValue<string>(), result["parameters"]!.AsArray());
    }

    [Fact]
    public void ThePartitionTestGoesBeforeTheQuerysOwnConditionAndItsOrder()
    {
        var (query, parameters) = Scope("SELECT * FROM c WHERE c.type = @t OR c.read = false ORDER BY c.createdAt DESC", "/recipientId");

        Assert.Equal("SELECT * FROM c WHERE c.recipientId = @cosmosDbServerPartitionKey0 AND (c.type = @t OR c.read = false) ORDER BY c.createdAt DESC", query);
        Assert.Equal(["@t", "@cosmosDbServerPartitionKey0"], parameters.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("key0", parameters[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void AQueryWithoutConditionGetsOne()
    {
        Assert.Equal("SELECT VALUE COUNT(1) FROM c WHERE c.ticketId = @cosmosDbServerPartitionKey0", Scope("SELECT VALUE COUNT(1) FROM c", "/ticketId").Query);
        Assert.Equal("SELECT * FROM c WHERE c.ticketId = @cosmosDbServerPartitionKey0 ORDER BY c.seq", Scope("SELECT * FROM c ORDER BY c.seq", "/ticketId").Query);
    }

    [Fact]
    public void AnAliasNestedPathsAndKeywordsInsideStringsAreRespected()
    {
        var (query, _) = Scope("SELECT * FROM root r WHERE r.note = 'ORDER BY later' ORDER BY r.at", "/tenant/id", "/user");

        Assert.Equal(
            "SELECT * FROM root r WHERE r.tenant.id = @cosmosDbServerPartitionKey0 AND r.user = @cosmosDbServerPartitionKey1 AND (r.note = 'ORDER BY later') ORDER BY r.at",
            query);
    }
}
