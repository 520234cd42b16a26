using System.Globalization;
using System.Text;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Administration.Categories;

/// <summary>Every category, as one instance last read them (kept by <see cref="StoreCache{T}"/>): what intake checks against.</summary>
public sealed class CategoryCatalog(IReadOnlyList<Category> categories)
{
    public IReadOnlyList<Category> All { get; } = categories;

    public IEnumerable<Category> Active => All.Where(c => c.Active);

    /// <summary>The category with this id, in any case, active or not.</summary>
    public Category? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : All.FirstOrDefault(c => c.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A ticket's category must be an active one; <paramref name="keep"/> (the ticket's own, on an edit) passes even when it
    /// has been deactivated since, so an edit that leaves it alone is not refused.
    /// </summary>
    public void Validate(Validator v, string? category, bool allowClear, string? keep = null)
    {
        if (category is null || (allowClear && category.Length == 0)) return;
        var found = Find(category);
        if (found is { Active: true } || (found is not null && found.Id.Equals(keep, StringComparison.OrdinalIgnoreCase))) return;
        var active = string.Join(", ", Active.Select(c => c.Id));
        v.Add("category", FieldCodes.NotAllowed, found is null ? $"Must be one of: {active}." : $"'{found.Id}' is no longer in use; use one of: {active}.");
    }

    /// <summary>The category's id as stored (its slug), or null for none.</summary>
    public string? Normalize(string? category) =>
        string.IsNullOrWhiteSpace(category) ? null : Find(category)?.Id ?? category.Trim();

    /// <summary>
    /// What <c>Tickets:Categories</c> seeds an empty store with (the built-in list when unset): each entry's slug as its id, the
    /// entry as its name, in the configured order, routed to no team.
    /// </summary>
    public static IReadOnlyList<Category> Seed(TicketOptions options)
    {
        if (options.Categories is not { Length: > 0 } configured) return Defaults;
        return [.. configured.Select((name, i) => new Category { Id = Slug(name), Name = name.Trim(), Active = true, Order = (i + 1) * 10 })
            .DistinctBy(c => c.Id)];
    }

    /// <summary>The built-in categories, named in both languages.</summary>
    public static IReadOnlyList<Category> Defaults { get; } =
    [
        new() { Id = "hardware", Name = "Hardware", NameEn = "Hardware", Active = true, Order = 10 },
        new() { Id = "software", Name = "Software", NameEn = "Software", Active = true, Order = 20 },
        new() { Id = "network", Name = "Red", NameEn = "Network", Active = true, Order = 30 },
        new() { Id = "access", Name = "Accesos", NameEn = "Access", Active = true, Order = 40 },
        new() { Id = "other", Name = "Otros", NameEn = "Other", Active = true, Order = 50 },
    ];

    /// <summary>"Red local" → "red-local", "Impresión" → "impresion": lower-case letters and digits joined by single hyphens.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "category" : result[..Math.Min(result.Length, CategoryRules.IdMax)].Trim('-');
    }
}

/// <summary>The categories through a short-lived cache: what the request path reads (ticket create and edit, <c>GET /categories</c>).</summary>
public sealed class CategoryCatalogs(ICategoryStore store, StoreCache<CategoryCatalog> cache)
{
    public ValueTask<CategoryCatalog> GetAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(async ct => new CategoryCatalog(await store.ListAsync(ct)), cancellationToken);

    /// <summary>After a write through this instance: the next read loads the store.</summary>
    public void Invalidate() => cache.Invalidate();
}
