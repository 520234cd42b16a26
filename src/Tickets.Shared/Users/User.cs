using Tickets.Common;

namespace Tickets.Users;

public enum Role
{
    User,
    Technician,
    Admin,
}

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

    /// <summary>Whether notifications are also e-mailed (in-app ones are always kept).</summary>
    public bool EmailNotifications { get; init; } = true;

    /// <summary>Optimistic concurrency token; the store bumps it on every write.</summary>
    public long Version { get; init; }

    public string FullName => $"{FirstNames} {LastNames}";

    public bool IsStaff => Role is Role.Technician or Role.Admin;

    public bool IsActiveAdmin => Active && Role == Role.Admin;

    /// <summary>The order of user lists (last names, first names), folded; every store keeps and sorts by it.</summary>
    public string SortKey => Text.Fold($"{LastNames} {FirstNames}");

    /// <summary>What the user list's <c>q</c> searches (names, e-mail, DNI, department), folded.</summary>
    public string SearchText => Text.Fold($"{FirstNames} {LastNames} {Email} {Dni} {Department}");

    public UserView ToView() => new(
        Id, Email, Dni, Phone, FirstNames, LastNames, Department, Role, Active, CreatedAt, UpdatedAt, LastLoginAt, Language, EmailNotifications);
}

/// <summary>The user as the API shows it (no password hash, ever).</summary>
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
    bool EmailNotifications);
