using Microsoft.Extensions.Options;
using Tickets.Administration.Categories;
using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary>
/// The rules a ticket is checked against: the categories and the SLA policy version. The categories are the stored ones:
/// the ticket service hands each create and edit <see cref="WithCategories"/> of the cached catalog; the singleton itself
/// knows only what <c>Tickets:Categories</c> seeds (what a store starts with). The policy is the ticket's own version
/// (<see cref="WithSla"/>), or the newest of its policy for a new ticket.
/// </summary>
public sealed class TicketRules
{
    private readonly IOptions<TicketOptions> _options;

    public TicketRules(IOptions<TicketOptions> options, SlaPolicy sla)
        : this(options, sla, new CategoryCatalog(CategoryCatalog.Seed(options.Value)))
    {
    }

    private TicketRules(IOptions<TicketOptions> options, SlaPolicy sla, CategoryCatalog categories)
    {
        _options = options;
        Sla = sla;
        Categories = categories;
    }

    /// <summary>The SLA policy version the change at hand measures with: the ticket's own (<see cref="WithSla"/>).</summary>
    public SlaPolicy Sla { get; }

    /// <summary>The categories a ticket may be given (active ones) or keep (any it has).</summary>
    public CategoryCatalog Categories { get; }

    /// <summary>How long a resolved ticket waits, untouched, before the system closes it.</summary>
    public TimeSpan AutoCloseDelay => _options.Value.AutoCloseDelay;

    /// <summary>These rules over the stored categories (as last read through the cache).</summary>
    public TicketRules WithCategories(CategoryCatalog categories) => new(_options, Sla, categories);

    /// <summary>These rules measuring with <paramref name="policy"/>: a ticket's own SLA policy version, or the newest for a new ticket.</summary>
    public TicketRules WithSla(SlaPolicy policy) => ReferenceEquals(policy, Sla) ? this : new(_options, policy, Categories);

    /// <param name="keep">The ticket's own category on an edit: kept even if it has been deactivated since.</param>
    public void ValidateCategory(Validator v, string? category, bool allowClear, string? keep = null) =>
        Categories.Validate(v, category, allowClear, keep);

    /// <summary>The category's id (its slug), or null for none.</summary>
    public string? NormalizeCategory(string? category) => Categories.Normalize(category);
}
