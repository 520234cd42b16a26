using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Email;
using Tickets.Notifications;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>
/// Handles one <c>account-emails</c> message (the <c>SendAccountEmail</c> function): an accepted "forgot my password"
/// (<see cref="PasswordResets.SendForgottenAsync"/>), a pending registration's e-mail (<see cref="RegistrationEmails"/>),
/// or the set-password link it names, in the account's language. A link that no longer works (used, expired, replaced, account deactivated) is not sent. A failed
/// SMTP send throws, so the queue retries it and, after host.json's maxDequeueCount, keeps it in the poison queue.
/// A link's e-mail goes out once, however often its message arrives (<see cref="OnceOnlyEmail"/>, then recorded on the link).
/// </summary>
public sealed partial class AccountEmailDelivery(
    IPasswordTokenStore tokens,
    IUserStore users,
    PasswordTokenSecrets secrets,
    OnceOnlyEmail once,
    PasswordResets resets,
    RegistrationEmails registrations,
    IOptions<PublicUrlOptions> urls,
    TimeProvider time,
    ILogger<AccountEmailDelivery> logger,
    IEmailSender? email = null)
{
    public async Task DeliverAsync(string body, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<AccountEmailMessage>(body, Json.Options)
            ?? throw new JsonException("An account e-mail message must be a JSON object.");
        if (message.Forgotten is { } forgotten)
        {
            await resets.SendForgottenAsync(message.TokenId ?? throw new JsonException("A forgotten-password message must name its link."),
                forgotten, cancellationToken);
            return;
        }

        if (message.Registration is { } registration)
        {
            await registrations.DeliverAsync(registration, cancellationToken);
            return;
        }

        if (message.TokenId is null) throw new JsonException("An account e-mail message must name a link, a forgotten address or a registration.");

        PasswordToken? token = null;
        string? secret = null;
        foreach (var candidate in secrets.Candidates(message.TokenId))
        {
            token = await tokens.FindAsync(PasswordTokenSecrets.Hash(candidate), cancellationToken);
            if (token is null) continue;
            secret = candidate;
            break;
        }

        if (token is null || secret is null || !token.WorksAt(time.GetUtcNow()))
        {
            LogNotSent(logger, message.TokenId, "the link no longer works (used, replaced or expired)");
            return;
        }

        if (token.EmailedAt is not null)
        {
            LogNotSent(logger, message.TokenId, "it was sent already");
            return;
        }

        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        if (user is not { Active: true } || user.SecurityStamp != token.SecurityStamp)
        {
            LogNotSent(logger, message.TokenId, "the account changed since");
            return;
        }

        if (email is null)
        {
            LogNotSent(logger, message.TokenId, "no SMTP server is configured (Tickets:Smtp:Host)");
            return;
        }

        var link = urls.Value.PageUrl("/reset-password?token=" + Uri.EscapeDataString(secret));
        var outcome = await once.SendAsync(
            $"account-email:{message.TokenId}",
            ct => email.SendAsync(AccountEmailText.For(user, token.Purpose, link, token.ExpiresAt - token.CreatedAt), ct),
            ct => tokens.MarkEmailedAsync(token.TokenHash, time.GetUtcNow(), ct),
            cancellationToken);
        if (outcome == OnceOnlyOutcome.BeingSent)
            throw new InvalidOperationException($"The set-password e-mail {message.TokenId} is being sent by another delivery; the queue will retry it.");
        if (outcome == OnceOnlyOutcome.Sent) LogSent(logger, token.Purpose, user.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Set-password e-mail {TokenId} not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string tokenId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Set-password e-mail ({Purpose}) sent to user {UserId}")]
    private static partial void LogSent(ILogger logger, PasswordTokenPurpose purpose, string userId);
}
