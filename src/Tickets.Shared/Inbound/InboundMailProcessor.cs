using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Tickets.Budgets;
using Tickets.Common;
using Tickets.Email;
using Tickets.Notifications;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Inbound;

/// <summary>
/// What an inbound message becomes. Reads the raw message its door kept and decides, in this order: the same message
/// processed before (by its <see cref="InboundMailKey"/>) changes nothing; loop protection (<see cref="InboundFilter"/>)
/// and the per-sender hourly limit refuse it; an unknown sender is answered once a day how to register (or, with
/// <c>UnknownSenders = create</c>, gets an account); an inactive one is refused; a message naming a ticket
/// (<see cref="TicketReference"/>) the sender may see becomes their public comment on it (<see cref="ReplyText"/>), one
/// naming a ticket they may not see opens nothing, and any other becomes their new ticket. The ticket writer is called
/// with ids derived from the key, and the outcome is recorded after it, so a redelivery at any point converges.
/// A blob that is gone or is no MIME message throws <see cref="InvalidDataException"/>: the queue retries, then poisons it.
/// </summary>
public sealed partial class InboundMailProcessor(
    IInboundMailBlobs blobs,
    IInboundMailStore store,
    IRequestBudgetStore budgets,
    IUserStore users,
    INotificationStore notifications,
    IInboundDesk desk,
    IInboundAccounts accounts,
    IOptions<InboundOptions> options,
    IOptions<MailOptions> mail,
    IOptions<SmtpOptions> smtp,
    IOptions<PublicUrlOptions> urls,
    TimeProvider time,
    ILogger<InboundMailProcessor> logger,
    IEmailSender? email = null)
{
    public const string NoSubject = "(sin asunto)";

    /// <summary>Handles one <c>inbound-mail</c> queue message.</summary>
    /// <exception cref="InvalidDataException">The blob is gone, or it is not a MIME message.</exception>
    public async Task ProcessAsync(InboundMailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var raw = await ReadAsync(message, cancellationToken);
        using var mime = Parse(message, raw);
        var key = InboundMailKey.Of(mime.MessageId, raw);
        if (await store.FindAsync(key, cancellationToken) is { } seen)
        {
            LogDuplicate(logger, message.Id, key, seen.Outcome);
            return;
        }

        var record = await DecideAsync(mime, key, message, cancellationToken);
        var kept = await store.AddAsync(record, cancellationToken);
        if (kept.Outcome == InboundOutcome.Refused) LogRefused(logger, message.Id, key, kept.Reason);
        else LogDone(logger, message.Id, key, kept.Outcome, kept.TicketId);
    }

    private async Task<InboundMailRecord> DecideAsync(MimeMessage mime, string key, InboundMailMessage message, CancellationToken cancellationToken)
    {
        var sender = InboundFilter.SenderOf(mime);
        var subject = MailText.Truncate(Text.Clean(MailText.Clean(mime.Subject ?? "")), InboundMailRecord.SubjectMax);
        var record = new InboundMailRecord(key, InboundMailKey.Normalize(mime.MessageId), sender?.Address ?? "", subject,
            message.Door, message.ReceivedAt, time.GetUtcNow(), InboundOutcome.Refused);
        InboundMailRecord Refused(InboundRefusal reason) => record with { Reason = reason };

        if (InboundFilter.Check(mime, OwnAddresses()) is { } filtered) return Refused(filtered);
        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var limit = options.Value.MaxPerSenderPerHour;
        if ((await budgets.TakeAsync("inbound-mail:" + sender!.Address, hour, TimeSpan.FromHours(1), limit, 1, cancellationToken)).Granted == 0)
            return Refused(InboundRefusal.OverLimit);

        var user = await users.FindByEmailAsync(sender.Address, cancellationToken);
        if (user is null)
        {
            if (options.Value.UnknownSenders == UnknownSenders.Reject)
            {
                await AnswerUnknownAsync(mime, sender, key, subject, cancellationToken);
                return Refused(InboundRefusal.UnknownSender);
            }

            user = await accounts.CreateAsync(sender, cancellationToken);
            LogAccountMade(logger, user.Id, key);
        }

        if (!user.Active) return Refused(InboundRefusal.InactiveSender);

        var text = TextOf(mime);
        var files = FilesOf(mime);
        var domain = mail.Value.Domain(smtp.Value.From);
        if (TicketReference.Find(mime.Subject, mime.InReplyTo, mime.References, domain) is { } reference)
            return await CommentAsync(record, user, reference, text, files, cancellationToken);

        var title = TitleOf(subject, text);
        var description = MailText.Truncate(text.Length > 0 ? text : title, CreateTicketRequest.DescriptionMax);
        var created = await desk.CreateTicketAsync(user, InboundMailKey.TicketId(key), title, description, files, cancellationToken);
        if (!created.IsSuccess) return Refused(RefusalOf(created.Error!));
        return record with { Outcome = InboundOutcome.Ticket, TicketId = created.Value.Id, TicketNumber = created.Value.DisplayNumber };
    }

    private async Task<InboundMailRecord> CommentAsync(
        InboundMailRecord record, User user, TicketReference reference, string text, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        var named = reference.Number ?? reference.TicketId
            ?? (await notifications.FindAsync(user.Id, reference.NotificationId!, cancellationToken))?.TicketId;
        var ticket = named is null ? default : await desk.FindTicketAsync(user, named, cancellationToken);
        if (named is null || !ticket.IsSuccess) return record with { Reason = InboundRefusal.TicketNotVisible };

        var body = MailText.Truncate(ReplyText.Clean(text), Comment.BodyMax);
        if (body.Length == 0) return record with { Reason = InboundRefusal.Empty };
        var commented = await desk.CommentAsync(user, ticket.Value.Id, InboundMailKey.CommentId(record.Id), body, files, cancellationToken);
        if (!commented.IsSuccess) return record with { Reason = RefusalOf(commented.Error!) };
        return record with
        {
            Outcome = InboundOutcome.Comment,
            TicketId = commented.Value.Ticket.Id,
            TicketNumber = commented.Value.Ticket.DisplayNumber,
            CommentId = commented.Value.Comment?.Id,
        };
    }

    /// <summary>
    /// What the ticket writer's refusal means for a mail: a closed ticket, one gone since it was read, or nothing valid
    /// to write. Anything else (busy, unavailable) is no answer about the mail: it throws, and the queue tries again.
    /// </summary>
    private static InboundRefusal RefusalOf(Error error) => error switch
    {
        { Kind: ErrorKind.Conflict, Code: "ticket_closed" } => InboundRefusal.TicketClosed,
        { Kind: ErrorKind.NotFound } => InboundRefusal.TicketNotVisible,
        { Kind: ErrorKind.Validation } => InboundRefusal.Empty,
        _ => throw new InvalidOperationException($"The ticket writer refused an inbound mail: {error.Kind} {error.Code}."),
    };

    /// <summary>One polite answer per address per day (never to anything the loop filters refused: they ran first).</summary>
    private async Task AnswerUnknownAsync(MimeMessage mime, MailboxAddress sender, string key, string subject, CancellationToken cancellationToken)
    {
        if (email is null) return;
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        if ((await budgets.TakeAsync("inbound-reject:" + sender.Address, today, TimeSpan.FromDays(1), 1, 1, cancellationToken)).Granted == 0) return;

        var domain = mail.Value.Domain(smtp.Value.From);
        var answer = UnknownSenderReply.For(sender, subject, urls.Value.PageUrl("/register"));
        await email.SendAsync(answer with
        {
            MessageId = $"inbound-reply-{key}@{domain}",
            ThreadId = InboundMailKey.Normalize(mime.MessageId) is { Length: > 0 } id ? id : null,
        }, cancellationToken);
        LogAnswered(logger, key);
    }

    private IReadOnlyCollection<string> OwnAddresses()
    {
        var own = new HashSet<string>(StringComparer.Ordinal) { Text.NormalizeEmail(mail.Value.Sender(smtp.Value.From).Address) };
        if (MailboxAddress.TryParse(smtp.Value.From, out var from)) own.Add(Text.NormalizeEmail(from.Address));
        return own;
    }

    /// <summary>The text part, else the HTML part as text; cleaned of what a ticket cannot hold.</summary>
    public static string TextOf(MimeMessage mime)
    {
        if (mime.TextBody is { } plain) return MailText.Clean(plain);
        return mime.HtmlBody is { } html ? MailText.FromHtml(html) : "";
    }

    /// <summary>The files attached (with a name), at most <see cref="SenderDesk.MaxFiles"/>; inline pictures of the body are not files.</summary>
    public static IReadOnlyList<MailFile> FilesOf(MimeMessage mime)
    {
        var files = new List<MailFile>();
        foreach (var part in mime.Attachments.OfType<MimePart>())
        {
            if (string.IsNullOrWhiteSpace(part.FileName) || part.Content is null) continue;
            using var content = new MemoryStream();
            part.Content.DecodeTo(content);
            files.Add(new MailFile(part.FileName, content.ToArray()));
            if (files.Count == SenderDesk.MaxFiles) break;
        }

        return files;
    }

    /// <summary>The subject without reply and forward prefixes; a short or empty one gives way to the text's first line, then <see cref="NoSubject"/>.</summary>
    public static string TitleOf(string subject, string text)
    {
        var title = ReplyPrefix().Replace(subject, "").Trim();
        if (title.Length < CreateTicketRequest.TitleMin)
            title = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        if (title.Length < CreateTicketRequest.TitleMin) title = NoSubject;
        return MailText.Truncate(title, CreateTicketRequest.TitleMax);
    }

    private async Task<byte[]> ReadAsync(InboundMailMessage message, CancellationToken cancellationToken)
    {
        await using var blob = await blobs.OpenReadAsync(message.Blob, cancellationToken)
            ?? throw new InvalidDataException($"The inbound message {message.Id} has no blob {message.Blob}.");
        using var copy = new MemoryStream();
        await blob.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private static MimeMessage Parse(InboundMailMessage message, byte[] raw)
    {
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            var mime = MimeMessage.Load(stream);
            // MimeKit reads anything as a message; one with no header at all is no mail.
            if (mime.Headers.Count == 0) throw new FormatException("No header block.");
            return mime;
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The inbound message {message.Id} is not a MIME message.", e);
        }
    }

    [GeneratedRegex(@"^(\s*(re|fw|fwd|rv|aw|wg|tr|sv|vs|r)\s*(\[\d+\]|\(\d+\))?\s*:)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReplyPrefix();

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Id} ({Key}) was processed before ({Outcome}): nothing changes")]
    private static partial void LogDuplicate(ILogger logger, string id, string key, InboundOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Id} ({Key}) opened nothing: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string key, InboundRefusal? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Id} ({Key}) became a {Outcome} on ticket {TicketId}")]
    private static partial void LogDone(ILogger logger, string id, string key, InboundOutcome outcome, string? ticketId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Key} came from an unknown sender: account {UserId} made and invited")]
    private static partial void LogAccountMade(ILogger logger, string userId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {Key} came from an unknown sender: answered how to register")]
    private static partial void LogAnswered(ILogger logger, string key);
}
