using System.Text;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// What the <c>users</c> container holds, told apart by <c>type</c>. The partition key is <c>/id</c>, so every
/// document is its own logical partition and every lookup by key is a point read.
/// </summary>
internal static class DocumentTypes
{
    public const string User = "user";
    public const string EmailClaim = "emailClaim";
    public const string DniClaim = "dniClaim";
    public const string RefreshToken = "refreshToken";
    public const string LoginThrottle = "loginThrottle";
    public const string RateCounter = "rateCounter";
    public const string PasswordToken = "passwordToken";
}

/// <summary>Ids of the documents that are found by a natural key (the key is the id, so the read is a point read).</summary>
internal static class DocumentIds
{
    public static string EmailClaim(string normalizedEmail) => "email:" + Bounded(normalizedEmail, MaxIdLength - "email:".Length);

    public static string DniClaim(string dni) => "dni:" + Escape(dni);

    public static string RefreshToken(string tokenHash) => "token:" + tokenHash;

    public static string PasswordToken(string tokenHash) => "password:" + tokenHash;

    public static string LoginThrottle(string key) => "throttle:" + Bounded(key, 160);

    public static string RateCounter(string key, DateTimeOffset windowStart) =>
        "rate:" + Bounded(key, 160) + ":" + windowStart.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private const int MaxIdLength = 255;

    /// <summary>
    /// Cosmos ids are at most 255 characters: a key that would not fit (a 254-character e-mail once escaped, an e-mail
    /// plus an address hash) goes by its SHA-256 instead. Keys that fit keep their readable form, as before.
    /// </summary>
    private static string Bounded(string key, int max)
    {
        var escaped = Escape(key);
        return escaped.Length <= max ? escaped : "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Cosmos ids may not contain / \ ? #; an e-mail's local part may. Escaped reversibly, % first.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("%/\\?#") < 0) return value;
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '/' => "%2F",
                '\\' => "%5C",
                '?' => "%3F",
                '#' => "%23",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}

internal sealed record UserDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.User;
    public required string Email { get; init; }
    public required string Dni { get; init; }
    public required string Phone { get; init; }
    public required string FirstNames { get; init; }
    public required string LastNames { get; init; }
    public required string Department { get; init; }

    /// <summary>Lower-cased department, for the case-insensitive equality filter (an index seek, not a function scan).</summary>
    public required string DepartmentKey { get; init; }

    public required Role Role { get; init; }
    public required bool Active { get; init; }
    public required string PasswordHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    public required long Version { get; init; }

    /// <summary>Absent on documents written before stamps existed: empty until the account's first change.</summary>
    public string SecurityStamp { get; init; } = "";

    public IReadOnlyList<EndedSession>? EndedSessions { get; init; }

    public IReadOnlyList<string>? SignInAddresses { get; init; }

    /// <summary>Folded "last names first names": the list order, the same key SQLite sorts by.</summary>
    public required string SortName { get; init; }

    /// <summary>Folded names, e-mail, DNI and department: what <c>q</c> searches.</summary>
    public required string SearchText { get; init; }

    /// <summary>Absent on documents written before it existed: read as the defaults.</summary>
    public string? Language { get; init; }

    public bool? EmailNotifications { get; init; }

    public static UserDocument From(User user, long version) => new()
    {
        Id = user.Id,
        Email = user.Email,
        Dni = user.Dni,
        Phone = user.Phone,
        FirstNames = user.FirstNames,
        LastNames = user.LastNames,
        Department = user.Department,
        DepartmentKey = user.Department.ToLowerInvariant(),
        Role = user.Role,
        Active = user.Active,
        PasswordHash = user.PasswordHash,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
        LastLoginAt = user.LastLoginAt,
        Version = version,
        SortName = user.SortKey,
        SearchText = user.SearchText,
        Language = user.Language,
        EmailNotifications = user.EmailNotifications,
        SecurityStamp = user.SecurityStamp,
        EndedSessions = user.EndedSessions,
        SignInAddresses = user.SignInAddresses,
    };

    public User ToUser() => new()
    {
        Id = Id,
        Email = Email,
        Dni = Dni,
        Phone = Phone,
        FirstNames = FirstNames,
        LastNames = LastNames,
        Department = Department,
        Role = Role,
        Active = Active,
        PasswordHash = PasswordHash,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        LastLoginAt = LastLoginAt,
        Version = Version,
        Language = Language ?? "es",
        EmailNotifications = EmailNotifications ?? true,
        SecurityStamp = SecurityStamp,
        // Empty lists are the shared empty one, so users compare equal whether read or freshly built.
        EndedSessions = EndedSessions is { Count: > 0 } ended ? ended : Array.Empty<EndedSession>(),
        SignInAddresses = SignInAddresses is { Count: > 0 } addresses ? addresses : Array.Empty<string>(),
    };
}

/// <summary>Holds an e-mail or DNI for one user; its id is the normalised value, so a second create of it is a 409.</summary>
internal sealed record ClaimDocument(string Id, string Type, string UserId);

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

/// <summary>Recent password attempts for one throttle key, in one small document that expires a day after the last one.</summary>
internal sealed record LoginThrottleDocument
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.LoginThrottle;

    /// <summary>The throttle key (an account, possibly with an address hash).</summary>
    public required string Email { get; init; }

    public required IReadOnlyList<DateTimeOffset> Failures { get; init; }
    public int Ttl { get; init; } = (int)Retention.TotalSeconds;
}

/// <summary>Uses of one key in one fixed window; expires when the window is long gone.</summary>
internal sealed record RateCounterDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.RateCounter;
    public required string Key { get; init; }
    public required long Count { get; init; }
    public required int Ttl { get; init; }
}

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
        Ttl = RefreshTokenDocument.TtlUntil(token.ExpiresAt, token.CreatedAt),
    };

    public PasswordToken ToToken() => new(TokenHash, UserId, Purpose, CreatedAt, ExpiresAt, UsedAt, SecurityStamp);
}
