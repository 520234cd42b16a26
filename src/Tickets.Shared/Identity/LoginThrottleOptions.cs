using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary><c>Tickets:Login</c>: brute-force protection per account, the same in every host.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Tickets:Login";

    /// <summary>Failed password checks an account may have within the window before further attempts get 429.</summary>
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 15;
}
