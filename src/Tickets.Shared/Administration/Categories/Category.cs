using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tickets.Administration.Categories;

/// <summary>
/// What a ticket is about. <see cref="Id"/> is a stable slug chosen at creation (<c>hardware</c>, <c>red</c>); a new ticket
/// with the category goes to its team. A deactivated category is refused at intake and stays on the tickets that have it.
/// </summary>
public sealed record Category
{
    public required string Id { get; init; }

    /// <summary>The name in Spanish (the product's first language).</summary>
    public required string Name { get; init; }

    public string? NameEn { get; init; }

    public string? Description { get; init; }

    /// <summary>The team new tickets of this category go to; null: none (unrouted).</summary>
    public string? TeamId { get; init; }

    /// <summary>The SLA policy new tickets of this category run on; null: the default policy.</summary>
    public string? SlaPolicyId { get; init; }

    public required bool Active { get; init; }

    /// <summary>Position in lists (ascending, then id).</summary>
    public required int Order { get; init; }

    [JsonIgnore]
    public string ETag { get; init; } = "";

    public CategoryView ToView() => new(Id, Name, NameEn, Description, TeamId, SlaPolicyId, Active, Order, ETag);

    /// <summary>What the audit log records of a category (its management fields, no ETag).</summary>
    public object AuditFields() => this;
}

/// <summary>A category as the API shows it.</summary>
public sealed record CategoryView(
    [property: Description("A stable slug chosen at creation; what tickets carry as their category.")] string Id,
    string Name,
    string? NameEn,
    string? Description,
    [property: Description("The team new tickets of this category go to.")] string? TeamId,
    [property: Description("The SLA policy new tickets of this category run on; null: the default.")] string? SlaPolicyId,
    [property: Description("Inactive categories are refused for new tickets and stay on old ones.")] bool Active,
    int Order,
    string Etag);

/// <summary><c>GET /categories</c>.</summary>
public sealed record CategoryList(IReadOnlyList<CategoryView> Items);
