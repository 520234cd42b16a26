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
    string? TimeZone,
    [property: Description("instant: each ticket's changes e-mailed as they happen; digest (staff only): one e-mail a day at digestHour.")]
    NotificationMode NotificationMode,
    [property: Description("The hour (0-23, in the person's time zone) the daily digest is sent.")]
    int DigestHour,
    [property: Description("Local times of day (HH:mm) between which no notification e-mail is sent (may wrap midnight); null: none.")]
    QuietHoursView? QuietHours);
