using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Sla;

namespace Tickets.Tickets;

/// <summary><c>Tickets:*</c> settings of the ticket feature.</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    public static readonly string[] DefaultCategories = ["hardware", "software", "network", "access", "other"];

    /// <summary><c>Tickets:Categories</c>; null means <see cref="DefaultCategories"/>.</summary>
    public string[]? Categories { get; set; }

    /// <summary>Resolved tickets nobody touched for this many days are closed by the system.</summary>
    public int AutoCloseAfterDays { get; set; } = 7;

    /// <summary><c>Tickets:AutoCloseAfter</c> (a TimeSpan) overrides the days, down to seconds (tests, demos).</summary>
    public TimeSpan? AutoCloseAfter { get; set; }

    public TimeSpan AutoCloseDelay => AutoCloseAfter ?? TimeSpan.FromDays(AutoCloseAfterDays);
}

public enum AssignmentMode
{
    Manual,
    RoundRobin,
    LeastLoaded,
}

/// <summary><c>Tickets:Assignment</c>.</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Tickets:Assignment";

    public AssignmentMode Mode { get; set; } = AssignmentMode.Manual;
}

/// <summary>The configured rules a ticket is checked against: the category list and the SLA policy.</summary>
public sealed class TicketRules(IOptions<TicketOptions> options, SlaPolicy sla)
{
    public SlaPolicy Sla => sla;

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
