using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>What <c>Tickets:Categories</c>, <c>Tickets:AutoCloseAfterDays</c> must be, checked at start-up.</summary>
internal static class TicketOptionsRules
{
    public static IEnumerable<(string Key, string Message)> Check(TicketOptions options)
    {
        if (options.AutoCloseAfterDays is < 1 or > 365) yield return (nameof(TicketOptions.AutoCloseAfterDays), "Must be between 1 and 365.");

        var categories = options.Categories ?? [];
        for (var i = 0; i < categories.Length; i++)
        {
            var key = $"{nameof(TicketOptions.Categories)}:{i}";
            var category = categories[i];
            if (string.IsNullOrWhiteSpace(category) || category.Trim().Length > 50 || Text.Problem(category) is not null)
                yield return (key, "Must be 1 to 50 printable characters.");
            else if (categories.Take(i).Any(c => string.Equals(c?.Trim(), category.Trim(), StringComparison.OrdinalIgnoreCase)))
                yield return (key, $"'{category}' is listed twice.");
        }
    }
}
