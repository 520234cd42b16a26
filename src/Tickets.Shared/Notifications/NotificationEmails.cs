using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Email;
using Tickets.Messaging;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;
using Tickets.Users;

namespace Tickets.Notifications;

/// <summary>The <c>notification-emails</c> queue message: send what is pending for this person about this ticket.</summary>
public sealed record NotificationEmailMessage(string RecipientId, string TicketId);

/// <summary>
/// Sends the e-mail of one person about one ticket: every notification still pending for the pair, as ONE e-mail
/// (<see cref="NotificationEmail"/>). Run by the delayed <c>notification-emails</c> message at the end of the coalescing
/// window, at once when coalescing is off, and by the sweep for anything overdue. Idempotent: the e-mail is claimed
/// through <see cref="OnceOnlyEmail"/> under its oldest notification's id and its notifications are marked settled after
/// it went, so copies, redeliveries and the sweep never send it twice; a failure leaves them pending for a retry. For a
/// person in digest mode every such message sends their digest instead: all they have due, about any ticket, as one e-mail.
/// </summary>
public sealed partial class NotificationEmails(
    INotificationStore notifications,
    ITicketStore tickets,
    IUserStore users,
    OnceOnlyEmail once,
    TicketRules rules,
    IOptions<PublicUrlOptions> urls,
    IOptions<UserOptions> userOptions,
    IOptions<NotificationEmailOptions> options,
    IOptions<MailOptions> mail,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<NotificationEmails> logger,
    IEmailSender? email = null,
    IResolutionLinks? resolutionLinks = null)
{
    /// <summary>Handles one <c>notification-emails</c> message.</summary>
    public Task DeliverAsync(string body, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<NotificationEmailMessage>(body, Json.Options)
            ?? throw new JsonException("A notification e-mail message must be a JSON object.");
        return SendPendingAsync(message.RecipientId, message.TicketId, cancellationToken);
    }

    /// <summary>
    /// Sends the pending notifications of the pair as one e-mail; nothing pending, nothing sent. When another delivery is
    /// sending the pair's e-mail right now (delayed messages of one window coming due together), this one leaves it to
    /// that one and succeeds: if that one fails, its own message is retried, and the sweep sends whatever is still pending
    /// past its due time. So a burst of changes never pushes a message into the poison queue.
    /// </summary>
    /// <param name="onlyId">With coalescing off, the one notification whose e-mail this is: each goes on its own.</param>
    /// <exception cref="InvalidOperationException">With <paramref name="onlyId"/>: a copy of this delivery is sending it right now (retry to be sure it went).</exception>
    public async Task SendPendingAsync(string recipientId, string ticketId, CancellationToken cancellationToken, string? onlyId = null)
    {
        var pending = await notifications.ListEmailPendingAsync(recipientId, ticketId, cancellationToken);
        if (onlyId is not null) pending = pending.Where(n => n.Id == onlyId).ToList();
        if (pending.Count == 0) return;

        var recipient = await users.FindByIdAsync(recipientId, cancellationToken);
        var ticket = Ids.IsWellFormed(ticketId) ? await tickets.FindAsync(ticketId, cancellationToken) : null;
        if (email is null || recipient is not { Active: true, EmailNotifications: true } || ticket is null)
        {
            // No longer wanted (e-mail turned off, account deactivated, ticket gone): settled, so the sweep stops looking.
            await SettleAsync(pending, cancellationToken);
            LogNotWanted(logger, pending.Count, recipientId, ticketId);
            return;
        }

        if (recipient.EffectiveNotificationMode == NotificationMode.Digest)
        {
            // A digest-mode person hears about every ticket at once: this pair's message is the cue to send their digest.
            await SendDigestAsync(recipient, cancellationToken);
            return;
        }

        var reader = Reader.Of(recipient.Language, recipient.TimeZone, userOptions.Value.DefaultTimeZone);
        var words = NotificationEmail.Compose(pending, reader, urls.Value.TicketUrl(ticket.DisplayNumber), ResolvedPartOf(ticket, pending, recipientId));
        var domain = mail.Value.Domain(smtp.Value.From);
        var first = pending[0].Id;
        var outcome = await once.SendAsync(
            $"notification-email:{first}",
            ct => email.SendAsync(new EmailMessage(recipient.Email, recipient.FullName, words.Subject, words.Text)
            {
                Html = words.Html,
                MessageId = $"notification-{first}@{domain}",
                ThreadId = $"ticket-{ticket.Id}@{domain}",
            }, ct),
            ct => SettleAsync(pending, ct),
            cancellationToken);
        if (outcome == OnceOnlyOutcome.BeingSent)
        {
            // One notification's own e-mail in flight elsewhere is a copy of this very message: fail, so the queue retries it
            // and it is sure to go. A pair's e-mail in flight elsewhere covers what this message would send.
            if (onlyId is not null) throw new InvalidOperationException($"The e-mail of notification {onlyId} is being sent by another delivery.");
            LogBeingSent(logger, recipientId, ticketId);
        }
        if (outcome == OnceOnlyOutcome.Sent) LogSent(logger, pending.Count, recipientId, ticketId);
    }

    /// <summary>
    /// Sends a digest-mode person's digest: every notification of theirs, about any ticket, whose e-mail is due now (with a
    /// minute's slack for a queue that shows a message a little early), as ONE e-mail grouped by ticket. Claimed under its
    /// oldest notification's id and settled after it went, so the several tickets' messages of one digest hour, their
    /// copies and the sweep send it once. Notifications about tickets that are gone are settled untold.
    /// </summary>
    private async Task SendDigestAsync(User recipient, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await notifications.ListEmailDueAsync(recipient.Id, now + DigestSlack, MaxDigestItems, cancellationToken);
        if (due.Count == 0) return;

        var parts = new List<DigestTicket>();
        foreach (var group in due.GroupBy(n => n.TicketId, StringComparer.Ordinal))
        {
            if (Ids.IsWellFormed(group.Key) && await tickets.FindAsync(group.Key, cancellationToken) is { } ticket)
                parts.Add(new DigestTicket(ticket.DisplayNumber, ticket.Title, urls.Value.TicketUrl(ticket.DisplayNumber), group.ToList()));
        }

        if (parts.Count == 0)
        {
            await SettleAsync(due, cancellationToken);
            LogNotWanted(logger, due.Count, recipient.Id, "(digest)");
            return;
        }

        var reader = Reader.Of(recipient.Language, recipient.TimeZone, userOptions.Value.DefaultTimeZone);
        var words = NotificationDigest.Compose(parts, reader, now);
        var domain = mail.Value.Domain(smtp.Value.From);
        var first = due[0].Id;
        var outcome = await once.SendAsync(
            $"notification-digest:{first}",
            ct => email!.SendAsync(new EmailMessage(recipient.Email, recipient.FullName, words.Subject, words.Text)
            {
                Html = words.Html,
                MessageId = $"digest-{first}@{domain}",
            }, ct),
            ct => SettleAsync(due, ct),
            cancellationToken);
        if (outcome == OnceOnlyOutcome.BeingSent) LogDigestBeingSent(logger, recipient.Id);
        if (outcome == OnceOnlyOutcome.Sent) LogDigestSent(logger, due.Count, parts.Count, recipient.Id);
    }

    /// <summary>How early a digest may take what comes due: a queue may show its message a moment before its time.</summary>
    private static readonly TimeSpan DigestSlack = TimeSpan.FromMinutes(1);

    /// <summary>The most one digest tells; anything beyond stays pending and is sent by the sweep as the next digest.</summary>
    private const int MaxDigestItems = 500;

    /// <summary>Sends, pair by pair, what is pending past its due time by more than <c>SweepAfter</c>; how many pairs it tried.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var overdue = await notifications.ListEmailOverdueAsync(time.GetUtcNow() - options.Value.SweepAfter, 100, cancellationToken);
        var failures = new List<Exception>();
        foreach (var (recipientId, ticketId) in overdue)
        {
            try
            {
                await SendPendingAsync(recipientId, ticketId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e, recipientId, ticketId);
                failures.Add(e);
            }
        }

        if (failures.Count > 0) throw new AggregateException($"{failures.Count} overdue notification e-mail(s) failed; the next sweep retries them.", failures);
        return overdue.Count;
    }

    /// <summary>
    /// The resolution part, when these notifications tell the resolution the ticket still has. Its links act as the
    /// requester (confirm, reopen, rate), so only the requester's e-mail carries them; anyone else told of the resolution
    /// (a CC, or an assignee told of a send-and-resolve) reads the note and the auto-close date.
    /// </summary>
    private ResolvedPart? ResolvedPartOf(Ticket ticket, IReadOnlyList<Notification> pending, string recipientId)
    {
        if (ticket.Status != TicketStatus.Resolved) return null;
        var resolution = pending.LastOrDefault(n => n is { Type: NotificationType.StatusChanged, Content.Data.To: TicketStatus.Resolved });
        if (resolution is null) return null;
        var links = recipientId == ticket.Requester.Id ? resolutionLinks?.For(ticket) : null;
        return new ResolvedPart(resolution.Content!.Data.Note, links, links?.ExpiresAt ?? ticket.UpdatedAt + rules.AutoCloseDelay);
    }

    private async Task SettleAsync(IReadOnlyList<Notification> pending, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var n in pending) await notifications.MarkEmailedAsync(n.RecipientId, n.Id, now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent one e-mail telling {Count} notification(s) to {RecipientId} about ticket {TicketId}")]
    private static partial void LogSent(ILogger logger, int count, string recipientId, string ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The e-mail to {RecipientId} about ticket {TicketId} is being sent by another delivery; left to it (the sweep sends it if that one fails)")]
    private static partial void LogBeingSent(ILogger logger, string recipientId, string ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent one digest telling {Count} notification(s) about {Tickets} ticket(s) to {RecipientId}")]
    private static partial void LogDigestSent(ILogger logger, int count, int tickets, string recipientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The digest of {RecipientId} is being sent by another delivery; left to it (the sweep sends it if that one fails)")]
    private static partial void LogDigestBeingSent(ILogger logger, string recipientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} notification e-mail(s) to {RecipientId} about ticket {TicketId} no longer wanted: settled unsent")]
    private static partial void LogNotWanted(ILogger logger, int count, string recipientId, string ticketId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overdue notification e-mail to {RecipientId} about ticket {TicketId} failed; the next sweep retries it")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string recipientId, string ticketId);
}
