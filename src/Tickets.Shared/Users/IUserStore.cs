using Tickets.Administration.Audit;
using Tickets.Common;

namespace Tickets.Users;

public enum UserWrite
{
    Done,
    DuplicateEmail,
    DuplicateDni,
    /// <summary>The stored version is not the one the change was based on; re-read and try again.</summary>
    VersionConflict,
    /// <summary>The change would leave no active admin.</summary>
    LastActiveAdmin,
    NotFound,
}

/// <summary>Users, with email and DNI unique. Each adapter enforces uniqueness atomically.</summary>
public interface IUserStore
{
    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default);

    /// <summary>The account with this DNI (as stored: normalised by <see cref="NationalId.Normalize"/>), or null.</summary>
    Task<User?> FindByDniAsync(string dni, CancellationToken cancellationToken = default);

    /// <summary>Creates the account; <paramref name="audit"/> (an admin's creation) is appended in the same write, or not at all.</summary>
    Task<UserWrite> CreateAsync(User user, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the user if its stored version equals <paramref name="user"/>'s <see cref="User.Version"/>;
    /// the stored version is then incremented. When the write would leave no active admin it is refused
    /// with <see cref="UserWrite.LastActiveAdmin"/>, decided atomically with the write where the store can.
    /// <paramref name="audit"/> (an admin's change) is appended in the same write, or not at all.
    /// </summary>
    Task<UserWrite> UpdateAsync(User user, IReadOnlyList<AuditEntry>? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Ordered by last names, first names, id; keyset paged.</summary>
    Task<Page<User>> ListAsync(UserQuery query, CancellationToken cancellationToken = default);

    Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<User>> ListActiveByRoleAsync(IReadOnlyList<Role> roles, CancellationToken cancellationToken = default);
}
