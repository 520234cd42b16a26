using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Email;
using Tickets.Notifications;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>
/// The e-mail of one pending registration (a <c>Registration</c> message of the <c>account-emails</c> queue), decided
/// here, after the request was answered: the address has an account already → its owner gets "you already have an
/// account" with a reset link (through <see cref="PasswordResets"/>); the DNI has an account under another e-mail → the
/// address gets a note saying so (which e-mail is never told); otherwise the address gets the confirmation link. One
/// e-mail per registration, however often its message arrives.
/// </summary>
public sealed partial class RegistrationEmails(
    IPendingRegistrationStore pending,
    IUserStore users,
    PasswordResets resets,
    PasswordTokenSecrets secrets,
    OnceOnlyEmail once,
    IOptions<PublicUrlOptions> urls,
    TimeProvider time,
    ILogger<RegistrationEmails> logger,
    IEmailSender? email = null)
{
    /// <summary>The web page the confirmation link opens.</summary>
    public const string ConfirmPath = "/register/confirm";

    /// <summary>The reset link of the "you already have an account" e-mail: one per registration, however often it is delivered.</summary>
    public static string AccountExistsLinkId(string registrationId) => registrationId + "-account";

    public async Task DeliverAsync(string registrationId, CancellationToken cancellationToken)
    {
        PendingRegistration? registration = null;
        string? secret = null;
        foreach (var candidate in secrets.Candidates(registrationId))
        {
            registration = await pending.FindAsync(PasswordTokenSecrets.Hash(candidate), cancellationToken);
            if (registration is null) continue;
            secret = candidate;
            break;
        }

        if (registration is null || secret is null || !registration.WorksAt(time.GetUtcNow()))
        {
            LogNotSent(logger, registrationId, "the registration no longer waits (confirmed, replaced or expired)");
            return;
        }

        if (registration.EmailedAt is not null)
        {
            LogNotSent(logger, registrationId, "it was sent already");
            return;
        }

        if (await users.FindByEmailAsync(registration.Email, cancellationToken) is { } holder)
        {
            // The owner is told by a set-password e-mail of their own (in their language), not by this registration's.
            if (holder.Active) await resets.AccountExistsAsync(holder, AccountExistsLinkId(registrationId), cancellationToken);
            else LogNotSent(logger, registrationId, "the address belongs to a deactivated account");
            await pending.MarkEmailedAsync(registration.TokenHash, time.GetUtcNow(), cancellationToken);
            return;
        }

        if (email is null)
        {
            LogNotSent(logger, registrationId, "no SMTP server is configured (Tickets:Smtp:Host)");
            return;
        }

        var dniTaken = await users.FindByDniAsync(registration.Dni, cancellationToken) is not null;
        var message = dniTaken
            ? RegistrationEmailText.DniTaken(registration)
            : RegistrationEmailText.Confirm(registration,
                urls.Value.PageUrl(ConfirmPath + "?token=" + Uri.EscapeDataString(secret)), registration.ExpiresAt - registration.CreatedAt);
        var outcome = await once.SendAsync(
            $"registration-email:{registrationId}",
            ct => email.SendAsync(message, ct),
            ct => pending.MarkEmailedAsync(registration.TokenHash, time.GetUtcNow(), ct),
            cancellationToken);
        if (outcome == OnceOnlyOutcome.BeingSent)
            throw new InvalidOperationException($"The registration e-mail {registrationId} is being sent by another delivery; the queue will retry it.");
        if (outcome == OnceOnlyOutcome.Sent) LogSent(logger, registrationId, dniTaken ? "dni taken" : "confirmation link");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration e-mail {RegistrationId} not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string registrationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration e-mail {RegistrationId} sent: {Kind}")]
    private static partial void LogSent(ILogger logger, string registrationId, string kind);
}
