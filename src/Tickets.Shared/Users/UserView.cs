using System.ComponentModel;

namespace Tickets.Users;

/// <summary>The user as the API shows it (no password hash, ever).</summary>
/// <param name="TimeZone">The IANA zone the person chose for dates; null until they choose one: the organisation's default applies.</param>
public sealed record UserView(
    string Id,
    string Email,
    string Dni,
    string Phone,
    string FirstNames,
    string LastNames,
    string Department,
    Role Role,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastLoginAt,
    string Language,
    bool EmailNotifications,
    [property: Description("Invited by an admin without a password and no password chosen yet (POST /users/{id}/invitation sends a fresh link).")]
    bool InvitationPending,
    string? TimeZone);
