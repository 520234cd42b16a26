using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Email;
using Tickets.Idempotency;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Notifications;

/// <summary>
/// Delivers one <c>notifications</c> queue message (the <c>Notify</c> function): per recipient, the in-app notification
/// (stored once, whatever the number of deliveries) and, when SMTP is configured and the recipient wants it, one
/// e-mail in their language. A failed e-mail fails the delivery after every recipient was tried, so the queue retries
/// it — the stored notifications are not duplicated and e-mails already sent are not sent again.
/// </summary>
/// <remarks>
/// A message can be delivered twice at the same time (the dispatcher's send reached the queue after it gave up, and the
/// relay sent it again; a listener batch runs both copies side by side). Both copies then find the notification not yet
/// e-mailed, so each e-mail is claimed first, atomically, in the idempotency store: only the claimant sends. A copy that
/// finds the e-mail claimed but not yet sent fails, and the queue retries it after its visibility timeout, when the
/// e-mail is marked sent — or, if the claimant died while sending, once its claim has lapsed.
/// </remarks>
public sealed partial class NotificationDelivery(
    INotificationStore notifications,
    IUserStore users,
    IIdempotencyStore claims,
    IOptions<PublicUrlOptions> urls,
    TimeProvider time,
    ILogger<NotificationDelivery> logger,
    IEmailSender? email = null)
{
    /// <summary>
    /// How long a claim to send one e-mail holds: three times the default SMTP timeout, and short enough that the queue's
    /// retries (host.json: 5 × 30 s) outlast the claim of a host that died while sending.
    /// </summary>
    public static readonly TimeSpan EmailClaim = TimeSpan.FromSeconds(90);

    public async Task DeliverAsync(string body, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<NotificationMessage>(body, Json.Options)
            ?? throw new JsonException("A notification message must be a JSON object.");

        var number = Ticket.FormatNumber(message.Data.Number);
        var failures = new List<Exception>();
        foreach (var recipientId in message.RecipientIds.Distinct(StringComparer.Ordinal))
        {
            // Deactivated or deleted accounts are not told anything.
            var recipient = await users.FindByIdAsync(recipientId, cancellationToken);
            if (recipient is not { Active: true }) continue;

            var words = NotificationText.For(message, recipient.Language, urls.Value.TicketUrl(number));
            var stored = await notifications.AddAsync(new Notification(
                Notification.IdFor(message.EventId, recipientId), recipientId, message.Type, message.TicketId, number,
                message.Data.Title, words.Message, message.OccurredAt, ReadAt: null), cancellationToken);

            if (email is null || !recipient.EmailNotifications || stored.EmailedAt is not null) continue;
            var claim = EmailClaimKey(stored.Id);
            var now = time.GetUtcNow();
            if (await claims.TryClaimAsync(claim, stored.Id, now, now + EmailClaim, cancellationToken) is { } held)
            {
                // Sent by another copy of this message (done), or being sent by it right now (retry later to be sure).
                if (held.Response is null) failures.Add(new InvalidOperationException($"The e-mail for notification {stored.Id} is being sent by another delivery."));
                continue;
            }

            try
            {
                await email.SendAsync(new EmailMessage(recipient.Email, recipient.FullName, words.Subject, words.Body), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogEmailFailed(logger, e, stored.Id, message.Type);
                failures.Add(e);
                await claims.ReleaseAsync(claim, CancellationToken.None);
                continue;
            }

            try
            {
                await notifications.MarkEmailedAsync(recipientId, stored.Id, time.GetUtcNow(), cancellationToken);
                await claims.CompleteAsync(claim, Sent, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Sent, but not recorded: the claim stays until it lapses, and a retry after that sends it again.
                LogEmailFailed(logger, e, stored.Id, message.Type);
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
            throw new AggregateException($"E-mail failed for {failures.Count} recipient(s) of event {message.EventId}; the queue will retry it.", failures);
    }

    private static readonly StoredResponse Sent = new(200, "sent", new Dictionary<string, string>());

    private static string EmailClaimKey(string notificationId) => $"notification-email:{notificationId}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail for notification {NotificationId} ({Type}) failed; it will be retried")]
    private static partial void LogEmailFailed(ILogger logger, Exception exception, string notificationId, NotificationType type);
}
