using Tickets.Common;

namespace Tickets.Tickets.Export;

/// <summary><c>Tickets:Export:*</c>: how much one CSV export may hold and how many tickets each store read takes.</summary>
public sealed class TicketExportOptions
{
    public const string Section = "Tickets:Export";

    /// <summary>At most this many tickets per export; beyond them the file ends with a line saying it was cut.</summary>
    public int MaxRows { get; set; } = 50_000;

    /// <summary>Tickets per store read (a keyset page), unless the request's <c>limit</c> says otherwise.</summary>
    public int PageSize { get; set; } = PageRequest.MaxLimit;

    public static IEnumerable<(string Key, string Message)> Rules(TicketExportOptions options)
    {
        if (options.MaxRows is < 1 or > 1_000_000) yield return (nameof(MaxRows), "Must be between 1 and 1000000.");
        if (options.PageSize is < 1 or > PageRequest.MaxLimit) yield return (nameof(PageSize), $"Must be between 1 and {PageRequest.MaxLimit}.");
    }
}
