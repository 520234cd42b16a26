using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>
/// Set-password links: "forgot my password" (<see cref="ForgotAsync"/>), invitations of accounts an admin created
/// without a password (<see cref="InviteAsync"/>), and using a link (<see cref="ResetAsync"/>). A link is e-mailed
/// through the outbox and the <c>account-emails</c> queue, works once, expires, and ends every session of the account.
/// </summary>
public sealed partial class PasswordResets(
    IUserStore users,
    IPasswordTokenStore tokens,
    PasswordTokenSecrets secrets,
    ResetRequestLimits limits,
    PasswordAttempts attempts,
    UserAccounts accounts,
    Passwords passwords,
    OutboxDispatcher dispatcher,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    ILogger<PasswordResets> logger)
{
    private static readonly Error InvalidLink = new(ErrorKind.Validation, "invalid_password_link", "The link is not valid.",
        "The link has expired, was used already or was replaced by a newer one: ask for a new one.")
    {
        Errors = new Dictionary<string, string[]> { ["token"] = ["Is not a valid link (expired, used or replaced)."] },
    };

    /// <summary>
    /// E-mails a reset link when an active account has this address. The answer is the same whether or not one has:
    /// only invalid input or too many requests for the address (counted the same for strangers) answer otherwise.
    /// </summary>
    public async Task<Result> ForgotAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var email = Text.NormalizeEmail(request.Email!);
        if (await limits.TryClaimAsync(email, cancellationToken) is { } throttled) return throttled;

        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is { Active: true }) await IssueAsync(user, PasswordTokenPurpose.Reset, cancellationToken);
        return Result.Success;
    }

    /// <summary>E-mails <paramref name="user"/>, whom an admin has just created without a password, a link to choose one.</summary>
    public Task InviteAsync(User user, CancellationToken cancellationToken) => IssueAsync(user, PasswordTokenPurpose.Invitation, cancellationToken);

    /// <summary>Sets the password of the link's account; the link is spent and every earlier session and link ends.</summary>
    public async Task<Result> ResetAsync(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var hash = PasswordTokenSecrets.Hash(request.Token!);
        var token = await tokens.FindAsync(hash, cancellationToken);
        if (token is null || token.UsedAt is not null || token.ExpiresAt <= now) return InvalidLink;
        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        if (user is not { Active: true } || user.SecurityStamp != token.SecurityStamp) return InvalidLink;

        // Hashing the new password is work a stranger can ask for: the same budget as a sign-in.
        if (await attempts.TryStartHashingAsync(cancellationToken) is { } busy) return busy;
        if (!await tokens.TryUseAsync(hash, now, cancellationToken)) return InvalidLink;

        var newHash = passwords.Hash(request.NewPassword!);
        var updated = await accounts.UpdateAsync(user.Id, current => current.SecurityStamp != token.SecurityStamp
            ? (Result<User>)InvalidLink
            : current.WithNewSecurityStamp() with { PasswordHash = newHash, UpdatedAt = now }, cancellationToken);
        if (!updated.IsSuccess) return updated.Error!;

        LogReset(logger, user.Id, token.Purpose);
        return Result.Success;
    }

    private async Task IssueAsync(User user, PasswordTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var id = PasswordTokenSecrets.NewId();
        var token = new PasswordToken(
            PasswordTokenSecrets.Hash(secrets.Create(id)), user.Id, purpose, now,
            now + (purpose == PasswordTokenPurpose.Invitation ? settings.InvitationLifetime : settings.Lifetime),
            UsedAt: null, user.SecurityStamp);
        var mail = new OutboxMessage(
            Guid.CreateVersion7(now).ToString("N"), OutboxPartition(user.Id), QueueNames.AccountEmails,
            JsonSerializer.Serialize(new AccountEmailMessage(id), Json.Options), now);

        await tokens.AddAsync(token, mail, cancellationToken);
        dispatcher.Dispatch([mail]);
    }

    /// <summary>Where an account's outbox messages live (on Cosmos DB, a partition of <c>tickets</c> that no ticket uses).</summary>
    public static string OutboxPartition(string userId) => "account:" + userId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of user {UserId} set through a {Purpose} link; every session ended")]
    private static partial void LogReset(ILogger logger, string userId, PasswordTokenPurpose purpose);
}
