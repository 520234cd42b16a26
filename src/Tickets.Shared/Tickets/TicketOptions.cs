
namespace Tickets.Tickets;

/// <summary><c>Tickets:*</c> settings of the ticket feature.</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>
    /// <c>Tickets:Categories</c>: only what a store that never had categories is seeded with at start (null: the built-in
    /// list, <see cref="Administration.Categories.CategoryCatalog.Defaults"/>); after that admins manage them.
    /// </summary>
    public string[]? Categories { get; set; }

    /// <summary>Resolved tickets nobody touched for this many days are closed by the system.</summary>
    public int AutoCloseAfterDays { get; set; } = 7;

    /// <summary><c>Tickets:AutoCloseAfter</c> (a TimeSpan) overrides the days, down to seconds (tests, demos).</summary>
    public TimeSpan? AutoCloseAfter { get; set; }

    public TimeSpan AutoCloseDelay => AutoCloseAfter ?? TimeSpan.FromDays(AutoCloseAfterDays);
}
