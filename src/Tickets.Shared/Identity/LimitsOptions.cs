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

    /// <summary>
    /// Password attempts per client address per minute (sign-ins, registrations, password changes and resets); the
    /// "forgot my password" requests of an address are counted apart against the same limit (<see cref="ResetRequestLimits"/>).
    /// </summary>
    [Range(1, 1_000_000)]
    public int PasswordAttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Password hashings per minute for everyone together: caps the CPU strangers can make the service spend.</summary>
    [Range(1, 10_000_000)]
    public int PasswordHashingPerMinute { get; set; } = 600;

    /// <summary>
    /// A request header that carries the client's address, set (its last entry appended) by a front end you trust and
    /// that overwrites what clients send; empty (the default) means the connection's remote address. In the Functions
    /// worker that address already is the client's: the ASP.NET Core integration applies the host's X-Forwarded-For,
    /// trusting only the host on loopback. Naming a header a client can set lets clients choose their address.
    /// </summary>
    [MaxLength(100)]
    public string ClientAddressHeader { get; set; } = "";
}
