using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>One refresh token (<c>token:{hash}</c>) in <c>users</c>; Cosmos deletes it by TTL a day after it expires.</summary>
internal sealed record RefreshTokenDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.RefreshToken;
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public required string FamilyId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? SpentAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string SecurityStamp { get; init; } = "";
    public DateTimeOffset? SessionStartedAt { get; init; }

    /// <summary>Seconds after the last write until Cosmos deletes the document: past expiry plus a day, so reuse is still detected until then.</summary>
    public required int Ttl { get; init; }

    public static RefreshTokenDocument From(RefreshToken token, DateTimeOffset writtenAt) => new()
    {
        Id = DocumentIds.RefreshToken(token.TokenHash),
        TokenHash = token.TokenHash,
        UserId = token.UserId,
        FamilyId = token.FamilyId,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        SpentAt = token.SpentAt,
        RevokedAt = token.RevokedAt,
        SecurityStamp = token.SecurityStamp,
        SessionStartedAt = token.SessionStartedAt,
        Ttl = TtlUntil(token.ExpiresAt, writtenAt),
    };

    public static int TtlUntil(DateTimeOffset expiresAt, DateTimeOffset writtenAt) =>
        (int)Math.Clamp(Math.Ceiling((expiresAt - writtenAt + TimeSpan.FromDays(1)).TotalSeconds), 60, int.MaxValue);

    public RefreshToken ToToken() => new(TokenHash, UserId, FamilyId, CreatedAt, ExpiresAt, SpentAt, RevokedAt, SecurityStamp, SessionStartedAt);
}
