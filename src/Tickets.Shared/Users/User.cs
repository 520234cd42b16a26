using Tickets.Common;

namespace Tickets.Users;

/// <summary>A person who can sign in. Immutable: changes produce a new value with a new version.</summary>
public sealed record User
{
    public required string Id { get; init; }

    /// <summary>Normalised (trimmed, lower case); unique.</summary>
    public required string Email { get; init; }

    public required string Dni { get; init; }

    public required string Phone { get; init; }

    public required string FirstNames { get; init; }

    public required string LastNames { get; init; }

    public required string Department { get; init; }

    public required Role Role { get; init; }

    public required bool Active { get; init; }

    /// <summary>Never leaves the store: <see cref="UserView"/> is what the API shows.</summary>
    public required string PasswordHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? LastLoginAt { get; init; }

    /// <summary><c>es</c> (the organisation's language) or <c>en</c>: notifications and e-mail are written in it.</summary>
    public string Language { get; init; } = "es";

    /// <summary>The IANA time zone dates are written in for this person (<c>Europe/Madrid</c>); null: the organisation's (<c>Tickets:Users:DefaultTimeZone</c>).</summary>
    public string? TimeZone { get; init; }

    /// <summary>Whether notifications are also e-mailed (in-app ones are always kept).</summary>
    public bool EmailNotifications { get; init; } = true;

    /// <summary>Instant (one e-mail per ticket, coalesced) or a daily digest; only staff may choose the digest.</summary>
    public NotificationMode NotificationMode { get; init; } = NotificationMode.Instant;

    /// <summary>The hour of the day (0–23, in the person's zone) their digest goes out.</summary>
    public int DigestHour { get; init; } = DefaultDigestHour;

    /// <summary>When no notification e-mail is sent to them; null: none.</summary>
    public QuietHours? QuietHours { get; init; }

    /// <summary>The mode that applies: a digest only while the person is staff (requesters are always told at once).</summary>
    public NotificationMode EffectiveNotificationMode => IsStaff ? NotificationMode : NotificationMode.Instant;

    public const int DefaultDigestHour = 8;

    /// <summary>
    /// An admin made the account without a password and the person has not chosen one yet through a set-password link:
    /// set when the invitation is made, cleared when a password is set (any link, or a password change).
    /// </summary>
    public bool InvitationPending { get; init; }

    /// <summary>Optimistic concurrency token; the store bumps it on every write.</summary>
    public long Version { get; init; }

    /// <summary>
    /// Changes whenever the account's password, role or active state changes. Every token carries the stamp it was
    /// issued under, so such a change ends every earlier access and refresh token at once. Empty on accounts created
    /// before stamps existed, until their first change.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    /// <summary>Sessions ended by logout (or a leaked refresh token) whose access tokens have not expired yet.</summary>
    public IReadOnlyList<EndedSession> EndedSessions { get; init; } = [];

    /// <summary>Keyed hashes of the client addresses of the latest successful sign-ins, newest first (see <c>PasswordAttempts</c>).</summary>
    public IReadOnlyList<string> SignInAddresses { get; init; } = [];

    public string FullName => $"{FirstNames} {LastNames}";

    public bool IsStaff => Role is Role.Technician or Role.Admin;

    public bool IsActiveAdmin => Active && Role == Role.Admin;

    /// <summary>The order of user lists (last names, first names), folded; every store keeps and sorts by it.</summary>
    public string SortKey => Text.Fold($"{LastNames} {FirstNames}");

    /// <summary>The keyset cursor after this user in a user list: sort key, then id (the tie-break).</summary>
    public IReadOnlyList<string?> ListKey() => [SortKey, Id];

    /// <summary>What the user list's <c>q</c> searches (names, e-mail, DNI, department), folded.</summary>
    public string SearchText => Text.Fold($"{FirstNames} {LastNames} {Email} {Dni} {Department}");

    /// <summary>How many ended sessions an account remembers; beyond that ending one more ends them all (a new stamp).</summary>
    public const int MaxEndedSessions = 20;

    /// <summary>How many sign-in addresses an account remembers.</summary>
    public const int MaxSignInAddresses = 5;

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    /// <summary>Ends every session and token issued so far.</summary>
    public User WithNewSecurityStamp() => this with { SecurityStamp = NewSecurityStamp(), EndedSessions = [] };

    /// <summary>
    /// Ends one session: its access tokens are refused until <paramref name="until"/> (when the last of them expires
    /// anyway). Sessions already past that are forgotten; if too many remain, every session ends instead.
    /// </summary>
    public User EndSession(string sessionId, DateTimeOffset until, DateTimeOffset now)
    {
        var kept = EndedSessions.Where(s => s.Until > now && s.SessionId != sessionId).Append(new EndedSession(sessionId, until)).ToList();
        return kept.Count > MaxEndedSessions ? WithNewSecurityStamp() : this with { EndedSessions = kept };
    }

    public bool HasEnded(string sessionId) => EndedSessions.Any(s => s.SessionId == sessionId);

    /// <summary>Remembers a successful sign-in from <paramref name="addressHash"/> (most recent first, a few at most).</summary>
    public User SignedInFrom(string? addressHash) => addressHash is null ? this : this with
    {
        SignInAddresses = SignInAddresses.Where(a => a != addressHash).Prepend(addressHash).Take(MaxSignInAddresses).ToList(),
    };

    public UserView ToView() => new(
        Id, Email, Dni, Phone, FirstNames, LastNames, Department, Role, Active, CreatedAt, UpdatedAt, LastLoginAt, Language, EmailNotifications,
        InvitationPending, TimeZone, NotificationMode, DigestHour, QuietHours?.ToView());
}
