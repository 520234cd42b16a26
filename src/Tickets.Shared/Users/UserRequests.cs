using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.Users;

/// <summary>The fields every new account needs, whether self-registered or created by an admin.</summary>
public record RegisterRequest
{
    public string? Dni { get; init; }
    public string? Phone { get; init; }
    public string? FirstNames { get; init; }
    public string? LastNames { get; init; }
    public string? Department { get; init; }
    public string? Email { get; init; }
    public string? Password { get; init; }

    /// <summary><c>es</c> (the default) or <c>en</c>: the account's e-mails, the confirmation e-mail included, are written in it.</summary>
    public string? Language { get; init; }

    public virtual Validator Validate() => Fields(passwordRequired: true);

    protected Validator Fields(bool passwordRequired)
    {
        var v = new Validator();
        v.Dni("dni", Dni);
        v.Phone("phone", Phone);
        v.Text("firstNames", FirstNames, 1, 100);
        v.Text("lastNames", LastNames, 1, 100);
        v.Text("department", Department, 1, 100);
        v.Email("email", Email);
        if (passwordRequired || Password is not null) v.Password("password", Password);
        if (Language is not null && !Notifications.NotificationText.Languages.Contains(Language))
            v.Add("language", FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Notifications.NotificationText.Languages)}.");
        return v;
    }
}

/// <summary>An account made by an admin. Without a password it is an invitation: the person is e-mailed a link to choose one.</summary>
public sealed record CreateUserRequest : RegisterRequest
{
    public Role? Role { get; init; }

    public bool IsInvitation => Password is null;

    public override Validator Validate() => Fields(passwordRequired: false).Defined("role", Role);
}

/// <summary>
/// <c>PATCH /me</c>: absent fields stay. <c>quietHours</c> set to null turns quiet hours off; <c>notificationMode</c>
/// <c>digest</c> is for staff only.
/// </summary>
public sealed record UpdateProfileRequest(
    string? Phone = null, string? Department = null, string? FirstNames = null, string? LastNames = null, string? Language = null, bool? EmailNotifications = null,
    string? TimeZone = null, string? NotificationMode = null, int? DigestHour = null)
{
    private readonly QuietHoursView? _quietHours;

    /// <summary>Local times of day (HH:mm) between which no notification e-mail is sent; null turns them off.</summary>
    public QuietHoursView? QuietHours
    {
        get => _quietHours;
        init
        {
            _quietHours = value;
            QuietHoursGiven = true;
        }
    }

    /// <summary>Whether the request named <c>quietHours</c> at all (null included), as opposed to leaving it out.</summary>
    [JsonIgnore]
    public bool QuietHoursGiven { get; private init; }

    [JsonIgnore]
    public NotificationMode? NotificationModeValue => Json.TryParseEnum<NotificationMode>(NotificationMode, out var mode) ? mode : null;

    /// <param name="staff">Whether the person is staff: only staff may choose the digest.</param>
    public Validator Validate(bool staff = true)
    {
        var v = new Validator();
        v.Phone("phone", Phone, required: false);
        v.Text("department", Department, 1, 100, required: false);
        v.Text("firstNames", FirstNames, 1, 100, required: false);
        v.Text("lastNames", LastNames, 1, 100, required: false);
        if (Language is not null && !Notifications.NotificationText.Languages.Contains(Language))
            v.Add("language", FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Notifications.NotificationText.Languages)}.");
        if (TimeZone is not null && !TimeZones.IsKnown(TimeZone))
            v.Add("timeZone", FieldCodes.NotAllowed, "Must be an IANA time zone, e.g. Europe/Madrid.");
        if (NotificationMode is not null && NotificationModeValue is null)
            v.Add("notificationMode", FieldCodes.NotAllowed, "Must be one of: instant, digest.");
        else if (NotificationModeValue == Users.NotificationMode.Digest && !staff)
            v.Add("notificationMode", FieldCodes.NotAllowed, "Only staff may choose the digest; requesters are told at once.");
        if (DigestHour is < 0 or > 23)
            v.Add("digestHour", FieldCodes.NotAllowed, "Must be an hour from 0 to 23.");
        if (QuietHours is { } quiet)
        {
            var from = Users.QuietHours.Parse(quiet.From);
            var to = Users.QuietHours.Parse(quiet.To);
            if (from is null) v.Add("quietHours.from", FieldCodes.NotAllowed, "Must be a time of day as HH:mm, e.g. 22:00.");
            if (to is null) v.Add("quietHours.to", FieldCodes.NotAllowed, "Must be a time of day as HH:mm, e.g. 07:00.");
            if (from is not null && from == to) v.Add("quietHours", FieldCodes.NotAllowed, "From and to must differ.");
        }

        return v;
    }

    public User ApplyTo(User user, DateTimeOffset now) => user with
    {
        Phone = Phone?.Trim() ?? user.Phone,
        Department = Department is null ? user.Department : Text.Clean(Department),
        FirstNames = FirstNames is null ? user.FirstNames : Text.Clean(FirstNames),
        LastNames = LastNames is null ? user.LastNames : Text.Clean(LastNames),
        Language = Language ?? user.Language,
        EmailNotifications = EmailNotifications ?? user.EmailNotifications,
        TimeZone = TimeZone is null ? user.TimeZone : TimeZones.Find(TimeZone)!.Id,
        NotificationMode = NotificationModeValue ?? user.NotificationMode,
        DigestHour = DigestHour ?? user.DigestHour,
        QuietHours = QuietHoursGiven ? Users.QuietHours.Read(QuietHours?.From, QuietHours?.To) : user.QuietHours,
        UpdatedAt = now,
    };
}

public sealed record UpdateUserRequest(
    Role? Role = null,
    bool? Active = null,
    string? Department = null,
    string? Phone = null,
    string? FirstNames = null,
    string? LastNames = null)
{
    public UpdateProfileRequest Profile => new(Phone, Department, FirstNames, LastNames);

    public Validator Validate() => Profile.Validate().Defined("role", Role, required: false);
}

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword)
{
    public Validator Validate()
    {
        var v = new Validator();
        if (string.IsNullOrEmpty(CurrentPassword)) v.Add("currentPassword", FieldCodes.Required, "Required.");
        v.Password("newPassword", NewPassword);
        return v;
    }
}

/// <summary>Filters of <c>GET /users</c>.</summary>
public sealed record UserQuery(
    IReadOnlyList<Role> Roles,
    bool? Active,
    string? Department,
    string? Search,
    PageRequest Page);
