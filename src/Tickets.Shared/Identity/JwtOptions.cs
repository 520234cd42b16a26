using System.ComponentModel.DataAnnotations;

namespace Tickets.Identity;

/// <summary><c>Tickets:Jwt</c>. The first signing key signs; every listed key validates (rotation).</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Tickets:Jwt";

    [Required]
    public string Issuer { get; set; } = "tickets";

    [Required]
    public string Audience { get; set; } = "tickets-api";

    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long an unused refresh token stays valid; each use gives a new one.</summary>
    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>
    /// The absolute lifetime of a session (a refresh-token family): however often it is refreshed, after this many
    /// days from the sign-in the user signs in again.
    /// </summary>
    [Range(1, 365)]
    public int SessionDays { get; set; } = 30;

    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// How long after its first use a refresh token may be presented again and get the same successor pair (two tabs
    /// refreshing at once, a retried request). A reuse later than this ends the whole session, as a leaked token should.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Keys are checked at start-up (members named <c>SigningKeys:N:Key</c>), never at the first sign-in.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKeys.Count == 0)
            yield return new ValidationResult("Configure at least one signing key (Id and base64 Key); the first signs.", [nameof(SigningKeys)]);

        for (var i = 0; i < SigningKeys.Count; i++)
        {
            var key = SigningKeys[i];
            if (string.IsNullOrWhiteSpace(key.Id))
                yield return new ValidationResult("Every signing key needs an Id (the kid of its tokens).", [$"{nameof(SigningKeys)}:{i}:Id"]);
            else if (SigningKeys.Take(i).Any(k => k.Id == key.Id))
                yield return new ValidationResult($"The key id '{key.Id}' is used twice.", [$"{nameof(SigningKeys)}:{i}:Id"]);

            var bytes = new byte[key.Key.Length];
            if (!Convert.TryFromBase64String(key.Key, bytes, out var length) || length < 32)
                yield return new ValidationResult("Must be base64 of at least 32 random bytes (256 bits).", [$"{nameof(SigningKeys)}:{i}:Key"]);
        }
    }
}

public sealed class SigningKeyOptions
{
    /// <summary>The <c>kid</c> header of tokens signed with this key.</summary>
    public string Id { get; set; } = "";

    /// <summary>Base64 of at least 32 random bytes (HS256 needs 256 bits).</summary>
    public string Key { get; set; } = "";
}
