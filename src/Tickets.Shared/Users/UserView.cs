
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
    string? TimeZone);
