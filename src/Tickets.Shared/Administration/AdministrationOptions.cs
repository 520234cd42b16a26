using System.ComponentModel.DataAnnotations;

namespace Tickets.Administration;

/// <summary><c>Tickets:Administration</c>: how long an instance trusts the configuration it read from the store.</summary>
public sealed class AdministrationOptions
{
    public const string Section = "Tickets:Administration";

    /// <summary>
    /// <c>Tickets:Administration:CacheLifetime</c> (default 00:00:05, at most 00:01:00): a change made through another
    /// instance applies here within this time; one made through this instance applies at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "must be between 00:00:00 and 00:01:00.")]
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
