using System.Text.Json.Nodes;
using Tickets.CosmosDbServer;

namespace Tickets.UnitTests.CosmosDbServer;

/// <summary>cosmosdb-server serves a composite index in its declared directions only; Cosmos in their exact reverse too.</summary>
public sealed class ReverseCompositeIndexesTests
{
    private static JsonArray Indexes(string container)
    {
        using var stream = ReverseCompositeIndexes.AddTo(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(container)));
        return JsonNode.Parse(stream)!["indexingPolicy"]!["compositeIndexes"]!.AsArray();
    }

    private static string Describe(JsonArray indexes) =>
        string.Join(" | ", indexes.Select(i => string.Join(",", i!.AsArray().Select(p => $"{p!["path"]} {p["order"]}"))));

    [Fact]
    public void EachCompositeIndexGainsItsExactReverse()
    {
        var indexes = Indexes("""
            {"id":"tickets","indexingPolicy":{"compositeIndexes":[
              [{"path":"/createdAt","order":"ascending"},{"path":"/id","order":"ascending"}],
              [{"path":"/priorityRank","order":"ascending"},{"path":"/createdAt","order":"descending"},{"path":"/id","order":"ascending"}]]}}
            """);

        Assert.Equal(
            "/createdAt ascending,/id ascending | /priorityRank ascending,/createdAt descending,/id ascending"
            + " | /createdAt descending,/id descending | /priorityRank descending,/createdAt ascending,/id descending",
            Describe(indexes));
    }

    [Fact]
    public void AReverseAlreadyDeclaredIsNotAddedTwice()
    {
        var indexes = Indexes("""
            {"id":"n","indexingPolicy":{"compositeIndexes":[
              [{"path":"/a","order":"descending"},{"path":"/b","order":"descending"}],
              [{"path":"/a","order":"ascending"},{"path":"/b","order":"ascending"}]]}}
            """);

        Assert.Equal(2, indexes.Count);
    }

    [Fact]
    public void AContainerWithoutCompositeIndexesIsSentAsItWas()
    {
        const string container = """{"id":"meta","indexingPolicy":{"compositeIndexes":[]}}""";
        using var stream = ReverseCompositeIndexes.AddTo(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(container)));

        Assert.Equal(container, new StreamReader(stream).ReadToEnd());
    }
}
