using System.Text.RegularExpressions;
using Tickets.Common;

namespace Tickets.Administration.Categories;

/// <summary><c>POST /categories</c>: <c>active</c> defaults to true, <c>order</c> to after the last one.</summary>
public sealed record CreateCategoryRequest(
    string? Id, string? Name, string? NameEn = null, string? Description = null, string? TeamId = null, string? SlaPolicyId = null,
    bool? Active = null, int? Order = null)
{
    public Validator Validate()
    {
        var v = new Validator();
        if (Id is null) v.Add("id", FieldCodes.Required, "Required.");
        else if (!CategoryRules.IsSlug(Id))
            v.Add("id", FieldCodes.Invalid, $"Must be a slug of 1 to {CategoryRules.IdMax} characters: lower-case letters and digits joined by single hyphens (e.g. red-local).");
        return CategoryRules.Check(v, Name, required: true, NameEn, Description, TeamId, SlaPolicyId, Order);
    }
}

/// <summary><c>PATCH /categories/{id}</c>: absent fields stay; <c>""</c> clears <c>nameEn</c>, <c>description</c>, <c>teamId</c>, <c>slaPolicyId</c>.</summary>
public sealed record UpdateCategoryRequest(
    string? Name = null, string? NameEn = null, string? Description = null, string? TeamId = null, string? SlaPolicyId = null,
    bool? Active = null, int? Order = null)
{
    public Validator Validate() => CategoryRules.Check(new Validator(), Name, required: false, NameEn, Description, TeamId, SlaPolicyId, Order);
}

public static partial class CategoryRules
{
    public const int IdMax = 50;
    public const int NameMax = 100;
    public const int DescriptionMax = 500;
    public const int OrderMax = 1_000_000;

    public static bool IsSlug(string? id) => id is { Length: > 0 and <= IdMax } && SlugPattern().IsMatch(id);

    internal static Validator Check(
        Validator v, string? name, bool required, string? nameEn, string? description, string? teamId, string? slaPolicyId, int? order)
    {
        v.Text("name", name, 1, NameMax, required);
        if (!string.IsNullOrEmpty(nameEn)) v.Text("nameEn", nameEn, 1, NameMax);
        v.Text("description", description, 0, DescriptionMax, required: false, multiline: true);
        if (!string.IsNullOrEmpty(teamId) && !Ids.IsWellFormed(teamId)) v.Add("teamId", FieldCodes.NotAllowed, "Must be the id of a team.");
        if (!string.IsNullOrEmpty(slaPolicyId) && !Ids.IsWellFormed(slaPolicyId))
            v.Add("slaPolicyId", FieldCodes.Invalid, $"Must be an SLA policy id: up to {Ids.MaxLength} letters, digits, '-' or '_'.");
        if (order is < 0 or > OrderMax) v.Add("order", FieldCodes.OutOfRange, $"Must be between 0 and {OrderMax}.");
        return v;
    }

    internal static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

/// <summary>The query string of <c>GET /categories</c>.</summary>
public sealed record CategoryListParameters(
    [Query("all", Type = QueryType.Boolean, Default = "false", Description = "Inactive categories too (admins only).")] string? All = null);
