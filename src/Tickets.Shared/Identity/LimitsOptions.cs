using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary>
/// <c>Tickets:Limits</c>: how much password-hashing work (sign-in, registration, password change or reset) one client
/// address and everyone together may ask for per minute. The defaults are the strict ones of the Functions app; the local
/// host raises them so a whole test suite can run from one address.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Tickets:Limits";

    /// <summary>Password attempts per client address per minute (sign-ins, registrations, password changes).</summary>
    [Range(1, 1_000_000)]
    public int PasswordAttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Password hashings per minute for everyone together: caps the CPU strangers can make the service spend.</summary>
    [Range(1, 10_000_000)]
    public int PasswordHashingPerMinute { get; set; } = 600;

    /// <summary>
    /// The request header that carries the client's address, set by the platform's front end (Azure: <c>X-Forwarded-For</c>,
    /// whose last entry the front end appends); empty means the connection's own remote address. Never trust a header a
    /// client can set without a proxy in front that overwrites it.
    /// </summary>
    [MaxLength(100)]
    public string ClientAddressHeader { get; set; } = "";
}
