using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Email;
using Tickets.Messaging;
using Tickets.Tickets;
using Tickets.Tickets.History;
using Tickets.Users;

namespace Tickets.Notifications;

/// <summary>
/// Delivers one <c>notifications</c> queue message (the <c>Notify</c> function): per recipient, the in-app notification
/// (stored once, whatever the number of deliveries, with its content so its words are written when it is read) and,
/// when SMTP is configured and the recipient wants it, its e-mail — due at the end of the coalescing window, so several
/// changes of one ticket within it reach one person as ONE e-mail (<see cref="NotificationEmails"/>): a delayed
/// <c>notification-emails</c> message sends it then, or at once when coalescing is off. A person in digest mode gets it
/// at their next digest hour instead, and anything due inside someone's quiet hours at their end (<see cref="EmailTiming"/>):
/// the delayed message is simply scheduled for then. A failure fails the delivery
/// after every recipient was tried, so the queue retries it — the stored notifications are not duplicated, and e-mails
/// already sent are not sent again; an e-mail whose delayed message is lost is sent by the sweep.
/// The message names the event; what people are told (number, title, note, comment) is read again from the store, so
/// a forged or stale message cannot put its own words in front of anyone, and an internal note reaches staff only. A
/// message naming a ticket, event or comment that does not exist is dropped with a warning (a retry would not make it exist).
/// </summary>
public sealed partial class NotificationDelivery(
    INotificationStore notifications,
    ITicketStore tickets,
    IUserStore users,
    NotificationEmails emails,
    IQueueSender queue,
    IOptions<NotificationEmailOptions> options,
    IOptions<UserOptions> userOptions,
    ILogger<NotificationDelivery> logger,
    IEmailSender? email = null)
{
    public async Task DeliverAsync(string body, CancellationToken cancellationToken)
    {
        var sent = JsonSerializer.Deserialize<NotificationMessage>(body, Json.Options)
            ?? throw new JsonException("A notification message must be a JSON object.");
        if (await AsStoredAsync(sent, cancellationToken) is not { } message)
        {
            LogDropped(logger, sent.EventId, sent.TicketId, sent.Type);
            return;
        }

        var number = Ticket.FormatNumber(message.Data.Number);
        var content = new NotificationContent(message.Actor, message.Data);
        var window = options.Value.Window;
        var failures = new List<Exception>();
        foreach (var recipientId in message.RecipientIds.Distinct(StringComparer.Ordinal))
        {
            // Deactivated or deleted accounts are not told anything.
            var recipient = await users.FindByIdAsync(recipientId, cancellationToken);
            if (recipient is not { Active: true }) continue;
            if (message.Data.Internal && !recipient.IsStaff) continue;
            // Following is for staff: someone no longer staff is not told of a ticket they may no longer see.
            if (message.Type == NotificationType.TicketUpdated && !recipient.IsStaff) continue;

            var reader = Reader.Of(recipient.Language, recipient.TimeZone, userOptions.Value.DefaultTimeZone);
            var stored = await notifications.AddAsync(new Notification(
                Notification.IdFor(message.EventId, recipientId), recipientId, message.Type, message.TicketId, number,
                message.Data.Title, NotificationText.Line(message.Type, content, reader), message.OccurredAt, ReadAt: null)
            {
                Content = content,
                EmailDueAt = email is not null && recipient.EmailNotifications ? EmailTiming.DueAt(recipient, message.OccurredAt, window, reader.Zone) : null,
            }, cancellationToken);
            if (!stored.EmailPending) continue;

            try
            {
                if (stored.EmailDueAt <= message.OccurredAt)
                    await emails.SendPendingAsync(recipientId, message.TicketId, cancellationToken, onlyId: stored.Id);
                else
                    await queue.SendAsync(QueueNames.NotificationEmails,
                        JsonSerializer.Serialize(new NotificationEmailMessage(recipientId, message.TicketId), Json.Options), stored.EmailDueAt, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogEmailFailed(logger, e, stored.Id, message.Type);
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
            throw new AggregateException($"E-mail failed for {failures.Count} recipient(s) of event {message.EventId}; the queue will retry it.", failures);
    }

    /// <summary>The message with the words the store holds now, or null when its ticket, event or comment does not exist.</summary>
    private async Task<NotificationMessage?> AsStoredAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(message.TicketId) || await tickets.FindAsync(message.TicketId, cancellationToken) is not { } ticket) return null;
        if (await FindEventAsync(ticket.Id, message.EventId, cancellationToken) is not { } told) return null;
        if (!NotificationRules.Tells(message.Type, told.Type)) return null;
        if (message.Type == NotificationType.Mentioned) return await AsMentionAsync(message, ticket, told, cancellationToken);

        Comment? comment = null;
        if (told.Type == TicketEventType.Commented)
        {
            var commentId = told.Data.Deserialize<CommentedData>(Json.Options)?.CommentId;
            comment = commentId is null ? null : await tickets.FindCommentAsync(ticket.Id, commentId, cancellationToken);
            if (comment is null) return null;
        }

        return message with { Actor = told.Actor, OccurredAt = told.At, Data = NotificationRules.DataFor(ticket, told, comment) };
    }

    /// <summary>A mention as stored: only the people the event's comment names are told, in its words; null when there is no such comment.</summary>
    private async Task<NotificationMessage?> AsMentionAsync(NotificationMessage message, Ticket ticket, TicketEvent told, CancellationToken cancellationToken)
    {
        var commentId = told.Type == TicketEventType.Commented
            ? told.Data.Deserialize<CommentedData>(Json.Options)?.CommentId
            : told.Data.Deserialize<StatusChangedData>(Json.Options)?.CommentId;
        if (commentId is null || await tickets.FindCommentAsync(ticket.Id, commentId, cancellationToken) is not { } comment) return null;

        var named = comment.Mentions.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return message with
        {
            RecipientIds = message.RecipientIds.Where(named.Contains).ToList(),
            Actor = told.Actor,
            OccurredAt = told.At,
            Data = NotificationRules.MentionDataFor(ticket, comment),
        };
    }

    private async Task<TicketEvent?> FindEventAsync(string ticketId, string eventId, CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await tickets.ListHistoryAsync(ticketId, includeInternal: true, new PageRequest(100, cursor, IncludeTotal: false), cancellationToken);
            if (page.Items.FirstOrDefault(e => e.Id == eventId) is { } found) return found;
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification message for event {EventId} of ticket {TicketId} ({Type}) names nothing that exists: dropped")]
    private static partial void LogDropped(ILogger logger, string eventId, string ticketId, NotificationType type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail for notification {NotificationId} ({Type}) could not be sent or scheduled; it will be retried")]
    private static partial void LogEmailFailed(ILogger logger, Exception exception, string notificationId, NotificationType type);
}
