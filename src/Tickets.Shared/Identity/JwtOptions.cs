using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary><c>Tickets:Jwt</c>. The first signing key signs; every listed key validates (rotation).</summary>
public sealed class JwtOptions
{
    public const string Section = "Tickets:Jwt";

    [Required]
    public string Issuer { get; set; } = "tickets";

    [Required]
    public string Audience { get; set; } = "tickets-api";

    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    public List<SigningKeyOptions> SigningKeys { get; set; } = [];
}

public sealed class SigningKeyOptions
{
    /// <summary>The <c>kid</c> header of tokens signed with this key.</summary>
    public string Id { get; set; } = "";

    /// <summary>Base64 of at least 32 random bytes (HS256 needs 256 bits).</summary>
    public string Key { get; set; } = "";
}

/// <summary><c>Tickets:Login</c>: brute-force protection per account.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Tickets:Login";

    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 15;
}
