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
    /// <summary>
    /// Stores <paramref name="token"/>, unless a token with its hash is stored already: then the stored one stands and
    /// nothing changes (the successor of a spent token is worked out, not drawn, so concurrent refreshes add the same one).
    /// </summary>
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

/// <summary>
/// The refresh token that follows a spent one is worked out from the spent one's secret with a server key, not drawn at
/// random, and so is its access token's id: every refresh of one token within the reuse leeway (two tabs, a retried
/// request) arrives at the same successor pair without the store keeping any secret — it keeps only hashes.
/// </summary>
public sealed class RefreshTokenSuccessors(ServerKeys keys)
{
    /// <summary>The secret of the refresh token that follows <paramref name="secret"/> (256 bits, URL-safe, like a drawn one).</summary>
    public string SuccessorOf(string secret) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(keys.For("refresh-successor")[0], Encoding.UTF8.GetBytes(secret)));

    /// <summary>The <c>jti</c> of the access token issued with the refresh token <paramref name="successor"/>.</summary>
    public string AccessTokenIdOf(string successor) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(keys.For("access-token-id")[0], Encoding.UTF8.GetBytes(successor)).AsSpan(0, 16));
}
