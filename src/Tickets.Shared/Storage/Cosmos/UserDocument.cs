using System.Text.Json.Serialization;
using Tickets.Administration.Audit;
using Tickets.Users;

namespace Tickets.Storage.Cosmos;

/// <summary>A user in its own partition of <c>users</c>, with the folded sort and search keys the lists filter on.</summary>
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

    /// <summary>Absent on documents written before it existed (and on every account that is not waiting): not pending.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool InvitationPending { get; init; }
    /// <summary>The person's IANA time zone; absent until they choose one.</summary>
    public string? TimeZone { get; init; }

    /// <summary>instant or digest; absent on documents written before it existed: instant.</summary>
    public NotificationMode? NotificationMode { get; init; }

    /// <summary>Absent on documents written before it existed: the default hour.</summary>
    public int? DigestHour { get; init; }

    /// <summary>Quiet hours as local HH:mm, both or neither; absent: none.</summary>
    public string? QuietFrom { get; init; }

    public string? QuietTo { get; init; }

    /// <summary>
    /// Audit entries of an admin's change to this account, written with the change (the <c>admin</c> container cannot be
    /// in the same batch) and removed once they are in the log; absent otherwise. See <see cref="CosmosAuditRelay"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditEntry>? PendingAudit { get; init; }

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
        InvitationPending = user.InvitationPending,
        TimeZone = user.TimeZone,
        NotificationMode = user.NotificationMode,
        DigestHour = user.DigestHour,
        QuietFrom = user.QuietHours is { } quiet ? QuietHours.Write(quiet.From) : null,
        QuietTo = user.QuietHours is { } q ? QuietHours.Write(q.To) : null,
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
        InvitationPending = InvitationPending,
        TimeZone = TimeZone,
        NotificationMode = NotificationMode ?? Users.NotificationMode.Instant,
        DigestHour = DigestHour ?? User.DefaultDigestHour,
        QuietHours = QuietHours.Read(QuietFrom, QuietTo),
        SecurityStamp = SecurityStamp,
        // Empty lists are the shared empty one, so users compare equal whether read or freshly built.
        EndedSessions = EndedSessions is { Count: > 0 } ended ? ended : Array.Empty<EndedSession>(),
        SignInAddresses = SignInAddresses is { Count: > 0 } addresses ? addresses : Array.Empty<string>(),
    };
}
