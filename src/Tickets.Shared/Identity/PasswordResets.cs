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
    IOutboxStore outbox,
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
    /// Accepts a request to e-mail a reset link to this address. The answer is the same whether or not an account has it,
    /// and so is the work done before answering: the throttles, then one outbox message naming the normalised address
    /// (durable: an accepted request is not lost if this process stops); the <c>SendAccountEmail</c> function looks the
    /// address up later (<see cref="SendForgottenAsync"/>). Only invalid input or too many requests for the address
    /// (counted the same for strangers) answer otherwise.
    /// </summary>
    public async Task<Result> ForgotAsync(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var email = Text.NormalizeEmail(request.Email!);
        if (await limits.TryClaimAsync(email, cancellationToken) is { } throttled) return throttled;

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        var message = new OutboxMessage(id, RequestPartition(id), QueueNames.AccountEmails,
            JsonSerializer.Serialize(new AccountEmailMessage(TokenId: PasswordTokenSecrets.NewId(), Forgotten: email), Json.Options), now);
        await outbox.AddAsync(message, cancellationToken);
        dispatcher.Dispatch([message]);
        return Result.Success;
    }

    /// <summary>
    /// The work of an accepted "forgot my password": the reset link <paramref name="linkId"/> (chosen when the request was
    /// accepted) for the active account with <paramref name="normalizedEmail"/>, if there is one; an unknown address gets
    /// nothing. A redelivered request works out the same link, which is stored and e-mailed once.
    /// </summary>
    public async Task SendForgottenAsync(string linkId, string normalizedEmail, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(normalizedEmail, cancellationToken);
        if (user is { Active: true }) await IssueAsync(user, PasswordTokenPurpose.Reset, linkId, cancellationToken);
        else LogUnknown(logger);
    }

    /// <summary>
    /// Tells the owner of <paramref name="user"/> that somebody tried to register the address again, with the reset link
    /// <paramref name="linkId"/> (stored and e-mailed once, however often this is called with it).
    /// </summary>
    public Task AccountExistsAsync(User user, string linkId, CancellationToken cancellationToken) =>
        IssueAsync(user, PasswordTokenPurpose.AccountExists, linkId, cancellationToken);

    /// <summary>
    /// E-mails <paramref name="user"/>, whom an admin has just created without a password (or who is still waiting to
    /// choose one), a link to choose one; the account's earlier links end (see <see cref="IPasswordTokenStore.AddAsync"/>).
    /// </summary>
    public Task InviteAsync(User user, CancellationToken cancellationToken) =>
        IssueAsync(user, PasswordTokenPurpose.Invitation, PasswordTokenSecrets.NewId(), cancellationToken);

    /// <summary>Sets the password of the link's account; the link is spent and every earlier session and link ends.</summary>
    public async Task<Result> ResetAsync(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var hash = PasswordTokenSecrets.Hash(request.Token!);
        var token = await tokens.FindAsync(hash, cancellationToken);
        if (token is null || !token.WorksAt(now)) return InvalidLink;
        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        if (user is not { Active: true } || user.SecurityStamp != token.SecurityStamp) return InvalidLink;

        // Hashing the new password is work a stranger can ask for: the same budget as a sign-in.
        if (await attempts.TryStartHashingAsync(cancellationToken) is { } busy) return busy;
        if (!await tokens.TryUseAsync(hash, now, cancellationToken)) return InvalidLink;

        var newHash = passwords.Hash(request.NewPassword!);
        var updated = await accounts.UpdateAsync(user.Id, current => current.SecurityStamp != token.SecurityStamp
            ? (Result<User>)InvalidLink
            : current.WithNewSecurityStamp() with { PasswordHash = newHash, InvitationPending = false, UpdatedAt = now }, cancellationToken);
        if (!updated.IsSuccess) return updated.Error!;

        LogReset(logger, user.Id, token.Purpose);
        return Result.Success;
    }

    private async Task IssueAsync(User user, PasswordTokenPurpose purpose, string id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var hash = PasswordTokenSecrets.Hash(secrets.Create(id));
        var token = new PasswordToken(
            hash, user.Id, purpose, now,
            now + (purpose == PasswordTokenPurpose.Invitation ? settings.InvitationLifetime : settings.Lifetime),
            UsedAt: null, user.SecurityStamp);
        // The message id follows from the link, so adding the same link again queues the same message.
        var mail = new OutboxMessage(
            hash[..32], OutboxPartition(user.Id), QueueNames.AccountEmails,
            JsonSerializer.Serialize(new AccountEmailMessage(id), Json.Options), now);

        await tokens.AddAsync(token, mail, cancellationToken);
        dispatcher.Dispatch([mail]);
    }

    /// <summary>Where an account's outbox messages live (on Cosmos DB, a partition of <c>tickets</c> that no ticket uses).</summary>
    public static string OutboxPartition(string userId) => "account:" + userId;

    /// <summary>Where a request not yet tied to an account waits in the outbox (its own partition on Cosmos DB).</summary>
    public static string RequestPartition(string messageId) => "account-request:" + messageId;

    // The address is not logged: it may not belong to anybody here.
    [LoggerMessage(Level = LogLevel.Information, Message = "Reset request for an address without an active account: nothing sent")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password of user {UserId} set through a {Purpose} link; every session ended")]
    private static partial void LogReset(ILogger logger, string userId, PasswordTokenPurpose purpose);
}
