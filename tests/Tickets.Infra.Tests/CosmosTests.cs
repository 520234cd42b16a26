using System.Text.Json.Nodes;
using Tickets.Storage.Cosmos;

namespace Tickets.Infra.Tests;

/// <summary>The Cosmos DB resources are exactly <see cref="CosmosModel"/>, and no key can reach them.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class CosmosTests(CompiledTemplate compiled)
{
    private ArmTemplate Cosmos => compiled.Main.Module("cosmos");

    private IReadOnlyList<JsonObject> Containers =>
        [.. Cosmos.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers").Select(c => c["properties"]!["resource"]!.AsObject())];

    private JsonObject Declared(string name) => Assert.Single(Containers, c => (string?)c["id"] == name);

    public static TheoryData<string> ModelContainers() => [.. CosmosModel.Containers.Select(c => c.Name)];

    [Fact]
    public void DatabaseNameMatchesApplication()
    {
        Assert.Equal(CosmosModel.DefaultDatabaseName, (string?)compiled.Main.ModuleArgument("cosmos", "databaseName"));
    }

    [Fact]
    public void CosmosContainersMatchApplicationModel()
    {
        var declared = Containers.Select(c => (string)c["id"]!).Order(StringComparer.Ordinal);
        var model = CosmosModel.Containers.Select(c => c.Name).Order(StringComparer.Ordinal);

        Assert.Equal(model, declared);
    }

    [Theory]
    [MemberData(nameof(ModelContainers))]
    public void PartitionKeyMatchesApplicationModel(string container)
    {
        var model = CosmosModel.Containers.Single(c => c.Name == container);
        var partitionKey = Declared(container)["partitionKey"]!;

        Assert.Equal([model.PartitionKeyPath], partitionKey["paths"]!.AsArray().Select(p => (string?)p));
    }

    [Theory]
    [MemberData(nameof(ModelContainers))]
    public void CompositeIndexesMatchApplicationModel(string container)
    {
        var model = CosmosModel.Containers.Single(c => c.Name == container).CompositeIndexes
            .Select(index => string.Join(", ", index.Select(p => $"{p.Path} {(p.Ascending ? "ascending" : "descending")}")));
        var declared = (Declared(container)["indexingPolicy"]!["compositeIndexes"]?.AsArray() ?? [])
            .Select(index => string.Join(", ", index!.AsArray().Select(p => $"{(string?)p!["path"]} {(string?)p["order"]}")));

        Assert.Equal(model.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModelContainers))]
    public void IndexingIncludesEverythingButTheModelsExcludedPaths(string container)
    {
        var model = CosmosModel.Containers.Single(c => c.Name == container);
        var policy = Declared(container)["indexingPolicy"]!;

        Assert.Equal(
            (Included: "/*", Excluded: Sorted(model.ExcludedPaths)),
            (Included: string.Join(" ", policy["includedPaths"]!.AsArray().Select(p => (string?)p!["path"])),
             Excluded: Sorted(policy["excludedPaths"]!.AsArray().Select(p => (string)p!["path"]!))));
    }

    private static string Sorted(IEnumerable<string> paths) => string.Join(" ", paths.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ModelContainers))]
    public void DefaultTtlMatchesApplicationModel(string container)
    {
        var model = CosmosModel.Containers.Single(c => c.Name == container);

        Assert.Equal(model.DefaultTtlSeconds, (int?)Declared(container)["defaultTtl"]);
    }

    [Fact]
    public void CosmosAccountDisablesLocalAuth()
    {
        var account = Cosmos.Single("Microsoft.DocumentDB/databaseAccounts")["properties"]!;

        Assert.Equal((true, true), ((bool?)account["disableLocalAuth"], (bool?)account["disableKeyBasedMetadataWriteAccess"]));
    }

    [Fact]
    public void CosmosAccountRequiresTls12()
    {
        Assert.Equal("Tls12", (string?)Cosmos.Single("Microsoft.DocumentDB/databaseAccounts")["properties"]!["minimalTlsVersion"]);
    }

    [Fact]
    public void CosmosIsServerlessByDefault()
    {
        Assert.Equal("serverless", (string?)compiled.Main.Parameters["cosmosCapacityMode"]!["defaultValue"]);
    }
}
