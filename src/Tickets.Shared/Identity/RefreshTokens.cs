using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tickets.Identity;

/// <summary>
/// A stored refresh token: only the SHA-256 of the secret is kept. A family is one sign-in session: every token
/// rotated from the first shares its id, its start and the account's security stamp at sign-in.
/// </summary>
public sealed record RefreshToken(
    string TokenHash,
    string UserId,
    string FamilyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? SpentAt,
    DateTimeOffset? RevokedAt,
    string SecurityStamp = "",
    DateTimeOffset? SessionStartedAt = null)
{
    /// <summary>When the session began (tokens stored before sessions had a start: their own creation).</summary>
    public DateTimeOffset SessionStart => SessionStartedAt ?? CreatedAt;
}

public interface IRefreshTokenStore
{
    Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default);

    Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks the token spent if it is neither spent nor revoked; false if someone else got there first.</summary>
    Task<bool> TrySpendAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task RevokeAllForUserAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default);
}

public static class RefreshTokenSecret
{
    /// <summary>256 random bits, URL-safe.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
