using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>A set-password link (its secret's hash); Cosmos deletes it a day after it expires.</summary>
internal sealed record PasswordTokenDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.PasswordToken;
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public required PasswordTokenPurpose Purpose { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public required string SecurityStamp { get; init; }
    public DateTimeOffset? EmailedAt { get; init; }
    public DateTimeOffset? ReplacedAt { get; init; }
    public required int Ttl { get; init; }

    public static PasswordTokenDocument From(PasswordToken token) => new()
    {
        Id = DocumentIds.PasswordToken(token.TokenHash),
        TokenHash = token.TokenHash,
        UserId = token.UserId,
        Purpose = token.Purpose,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        UsedAt = token.UsedAt,
        SecurityStamp = token.SecurityStamp,
        EmailedAt = token.EmailedAt,
        ReplacedAt = token.ReplacedAt,
        Ttl = RefreshTokenDocument.TtlUntil(token.ExpiresAt, token.CreatedAt),
    };

    public PasswordToken ToToken() => new(TokenHash, UserId, Purpose, CreatedAt, ExpiresAt, UsedAt, SecurityStamp, EmailedAt, ReplacedAt);
}
