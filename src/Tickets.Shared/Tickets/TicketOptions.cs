
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
