using Microsoft.Extensions.Logging;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Identity;

namespace Tickets.Users;

/// <summary>Creating and changing accounts: the rules every caller (sign-up, admin, bootstrap, demo data) shares.</summary>
public sealed partial class UserAccounts(
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    Passwords passwords,
    TimeProvider time,
    ILogger<UserAccounts> logger)
{
    public Task<Result<User>> CreateAsync(RegisterRequest request, Role role, CancellationToken cancellationToken) =>
        CreateAsync(request, role, audit: null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(RegisterRequest, Role, CancellationToken)"/>, with the audit entry <paramref name="audit"/> makes of the new account written with it.</summary>
    public async Task<Result<User>> CreateAsync(RegisterRequest request, Role role, Func<User, AuditEntry>? audit, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = Text.NormalizeEmail(request.Email!),
            Dni = NationalId.Normalize(request.Dni!),
            Phone = request.Phone!.Trim(),
            FirstNames = Text.Clean(request.FirstNames!),
            LastNames = Text.Clean(request.LastNames!),
            Department = Text.Clean(request.Department!),
            Role = role,
            Active = true,
            // Invited accounts get a password nobody knows until the owner chooses one through the e-mailed link.
            PasswordHash = passwords.Hash(request.Password ?? RefreshTokenSecret.Create()),
            CreatedAt = now,
            UpdatedAt = now,
            SecurityStamp = User.NewSecurityStamp(),
            Language = request.Language ?? "es",
            InvitationPending = request is CreateUserRequest { IsInvitation: true },
        };

        return await CreateAsync(user, audit?.Invoke(user), cancellationToken);
    }

    /// <summary>Stores a new account built by the caller (a confirmed registration); a taken e-mail or DNI is a 409.</summary>
    public Task<Result<User>> CreateAsync(User user, CancellationToken cancellationToken) => CreateAsync(user, audit: null, cancellationToken);

    private async Task<Result<User>> CreateAsync(User user, AuditEntry? audit, CancellationToken cancellationToken) =>
        await users.CreateAsync(user, audit, cancellationToken) switch
        {
            UserWrite.Done => user with { Version = 1 },
            UserWrite.DuplicateEmail => Error.Conflict("duplicate_email", "An account with this e-mail already exists.",
                new Dictionary<string, string[]> { ["email"] = ["Is already registered."] }),
            UserWrite.DuplicateDni => Error.Conflict("duplicate_dni", "An account with this DNI already exists.",
                new Dictionary<string, string[]> { ["dni"] = ["Is already registered."] }),
            var other => throw new InvalidOperationException($"Unexpected store answer {other} on create."),
        };

    /// <summary>
    /// Read-modify-write with optimistic concurrency: a concurrent change is re-read and re-applied, never lost. A change
    /// of role or active state gets a new security stamp, which ends every earlier token of the account (as a password
    /// change does, asking for it); the refresh tokens of an account whose stamp changed are revoked as well.
    /// </summary>
    public Task<Result<User>> UpdateAsync(string id, Func<User, Result<User>> change, CancellationToken cancellationToken) =>
        UpdateAsync(id, change, audit: null, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{User, Result{User}}, CancellationToken)"/>, with the audit entries
    /// <paramref name="audit"/> makes of each attempt's before and after written in the same write (an admin's change).
    /// </summary>
    public async Task<Result<User>> UpdateAsync(
        string id, Func<User, Result<User>> change, Func<User, User, IReadOnlyList<AuditEntry>>? audit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await users.FindByIdAsync(id, cancellationToken);
            if (current is null) return Error.NotFound("user");

            var changed = change(current);
            if (!changed.IsSuccess) return changed.Error!;

            var next = changed.Value;
            if ((next.Role != current.Role || next.Active != current.Active) && next.SecurityStamp == current.SecurityStamp)
                next = next.WithNewSecurityStamp();
            switch (await users.UpdateAsync(next, audit?.Invoke(current, next), cancellationToken))
            {
                case UserWrite.Done:
                    // The stamp alone already refuses them; revoking keeps the store telling the same story.
                    if (next.SecurityStamp != current.SecurityStamp)
                        await refreshTokens.RevokeAllForUserAsync(id, time.GetUtcNow(), cancellationToken);
                    return next with { Version = current.Version + 1 };
                case UserWrite.LastActiveAdmin:
                    return Error.Conflict("last_active_admin", "This is the last active admin: promote another admin first.");
                case UserWrite.NotFound:
                    return Error.NotFound("user");
                case UserWrite.VersionConflict when attempt < Contention.MaxAttempts:
                    LogRetry(logger, id, attempt);
                    await Contention.BackOffAsync(attempt, time, cancellationToken);
                    continue;
                case UserWrite.VersionConflict:
                    return Contention.Busy("user");
                case var other:
                    throw new InvalidOperationException($"User {id} could not be updated: {other} after {attempt} attempts.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {UserId} changed concurrently; retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string userId, int attempt);
}
