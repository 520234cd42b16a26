using Tickets.Identity;

namespace Tickets.Storage.Cosmos;

/// <summary>A registration waiting for its link (<c>registration:{hash}</c>) in <c>users</c>; Cosmos deletes it a day after it expires.</summary>
internal sealed record PendingRegistrationDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.PendingRegistration;
    public required string TokenHash { get; init; }
    public required string Email { get; init; }
    public required string Dni { get; init; }
    public required string Phone { get; init; }
    public required string FirstNames { get; init; }
    public required string LastNames { get; init; }
    public required string Department { get; init; }
    public required string Language { get; init; }
    public required string PasswordHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public DateTimeOffset? ReplacedAt { get; init; }
    public DateTimeOffset? EmailedAt { get; init; }
    public required int Ttl { get; init; }

    public static PendingRegistrationDocument From(PendingRegistration r) => new()
    {
        Id = DocumentIds.PendingRegistration(r.TokenHash),
        TokenHash = r.TokenHash,
        Email = r.Email,
        Dni = r.Dni,
        Phone = r.Phone,
        FirstNames = r.FirstNames,
        LastNames = r.LastNames,
        Department = r.Department,
        Language = r.Language,
        PasswordHash = r.PasswordHash,
        CreatedAt = r.CreatedAt,
        ExpiresAt = r.ExpiresAt,
        UsedAt = r.UsedAt,
        ReplacedAt = r.ReplacedAt,
        EmailedAt = r.EmailedAt,
        Ttl = RefreshTokenDocument.TtlUntil(r.ExpiresAt, r.CreatedAt),
    };

    public PendingRegistration ToRegistration() => new(
        TokenHash, Email, Dni, Phone, FirstNames, LastNames, Department, Language, PasswordHash, CreatedAt, ExpiresAt, UsedAt, ReplacedAt, EmailedAt);
}
