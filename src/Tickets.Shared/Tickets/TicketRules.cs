using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary>The configured rules a ticket is checked against: the category list and the SLA policy.</summary>
public sealed class TicketRules(IOptions<TicketOptions> options, SlaPolicy sla)
{
    /// <summary>The SLA policy version the change at hand measures with: the ticket's own (<see cref="WithSla"/>).</summary>
    public SlaPolicy Sla => sla;

    /// <summary>These rules measuring with <paramref name="policy"/>: a ticket's own SLA policy version, or the newest for a new ticket.</summary>
    public TicketRules WithSla(SlaPolicy policy) => ReferenceEquals(policy, sla) ? this : new(options, policy);

    /// <summary>How long a resolved ticket waits, untouched, before the system closes it.</summary>
    public TimeSpan AutoCloseDelay => options.Value.AutoCloseDelay;

    public IReadOnlyList<string> Categories =>
        options.Value.Categories is { Length: > 0 } configured ? configured : TicketOptions.DefaultCategories;

    public void ValidateCategory(Validator v, string? category, bool allowClear)
    {
        if (category is null || (allowClear && category.Length == 0)) return;
        if (!Categories.Contains(category.Trim(), StringComparer.OrdinalIgnoreCase))
            v.Add("category", FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Categories)}.");
    }

    /// <summary>The configured spelling, or null for none.</summary>
    public string? NormalizeCategory(string? category) =>
        string.IsNullOrWhiteSpace(category) ? null : Categories.First(c => c.Equals(category.Trim(), StringComparison.OrdinalIgnoreCase));
}
