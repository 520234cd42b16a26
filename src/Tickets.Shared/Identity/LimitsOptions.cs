using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary>
/// <c>Tickets:Limits</c>: how much password-hashing work (sign-in, registration, password change or reset) one client
/// address and everyone together may ask for per minute, and how many requests and writes one signed-in account may make
/// per minute (<see cref="Budgets.RequestBudgets"/>). The defaults are the strict ones of the Functions app; the local
/// host raises them so a whole test suite can run from one address and a few accounts.
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

    /// <summary>Requests one signed-in account may make per minute, on every route that needs a token, all instances together.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerUserPerMinute { get; set; } = 600;

    /// <summary>
    /// Writes (every route that needs a token and creates or changes something: a ticket, a comment, a status, an assignee,
    /// an account) one account may make per minute, all instances together; each also counts as a request.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int WritesPerUserPerMinute { get; set; } = 60;

    /// <summary>
    /// Look-ups of an account by e-mail (<c>GET /people/lookup</c>, for choosing CCs) one account may make per minute, all
    /// instances together; each also counts as a request. Low, so the directory cannot be enumerated quickly.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int LookupsPerUserPerMinute { get; set; } = 30;

    /// <summary>
    /// A request header that carries the client's address, set (its last entry appended) by a front end you trust and
    /// that overwrites what clients send; empty (the default) means the connection's remote address. In the Functions
    /// worker that address already is the client's: the ASP.NET Core integration applies the host's X-Forwarded-For,
    /// trusting only the host on loopback. Naming a header a client can set lets clients choose their address.
    /// </summary>
    [MaxLength(100)]
    public string ClientAddressHeader { get; set; } = "";
}
