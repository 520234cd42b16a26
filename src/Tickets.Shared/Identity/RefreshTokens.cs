using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tickets.Identity;

/// <summary>A stored refresh token: only the SHA-256 of the secret is kept.</summary>
public sealed record RefreshToken(
    string TokenHash,
    string UserId,
    string FamilyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? SpentAt,
    DateTimeOffset? RevokedAt);

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

/// <summary>Failed logins per account, for throttling.</summary>
public interface ILoginThrottleStore
{
    Task RecordFailureAsync(string normalizedEmail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Failures at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> FailuresSinceAsync(string normalizedEmail, DateTimeOffset since, CancellationToken cancellationToken = default);

    Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken = default);
}
