using System.Text.Json.Serialization;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;

namespace Tickets.Storage.Cosmos.Administration;

/// <summary>A team in the configuration partition of <c>admin</c>: <c>team:&lt;id&gt;</c>.</summary>
internal sealed record TeamDocument(string Id, string Partition, string Type, Team Team)
{
    public const string DocumentType = "team";

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string teamId) => "team:" + teamId;

    public static TeamDocument From(Team team) => new(IdOf(team.Id), AdminPartitions.Config, DocumentType, team with { ETag = "" });

    public Team ToTeam(string etag) => Team with { ETag = CosmosETag.Unquote(etag) };
}

/// <summary>A category in the configuration partition of <c>admin</c>: <c>category:&lt;slug&gt;</c>; <c>order</c> copied up to sort on.</summary>
internal sealed record CategoryDocument(string Id, string Partition, string Type, int Order, Category Category)
{
    public const string DocumentType = "category";

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static string IdOf(string slug) => "category:" + slug;

    public static CategoryDocument From(Category category) =>
        new(IdOf(category.Id), AdminPartitions.Config, DocumentType, category.Order, category with { ETag = "" });

    public Category ToCategory(string etag) => Category with { ETag = CosmosETag.Unquote(etag) };
}

/// <summary>A team's round-robin turn: <c>turn:team:&lt;id&gt;</c>, patch-incremented (atomic on the server).</summary>
internal sealed record TurnDocument(string Id, string Partition, string Type, long Value)
{
    public const string DocumentType = "turn";

    public static string IdOf(string teamId) => "turn:team:" + teamId;
}

/// <summary>Marks a seeded piece of configuration (<c>seed:categories</c>), written in the seed's own batch so it happens once.</summary>
internal sealed record SeedDocument(string Id, string Partition, string Type, string At)
{
    public const string DocumentType = "seed";
}
