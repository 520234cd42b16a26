using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Tickets.Email;

/// <summary>
/// <see cref="IEmailSender"/> over SMTP with MailKit; one connection per message (notifications are few and bursty).
/// The sender is the organisation's name at the support address, which is also where replies go.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, IOptions<MailOptions> mail) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Tickets:Smtp:Host is not set."), settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        using var mime = ToMime(message, mail.Value.Sender(settings.From));
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The MIME message: plain text alone, or <c>multipart/alternative</c> (text first, HTML preferred) when there is HTML.</summary>
    public static MimeMessage ToMime(EmailMessage message, MailboxAddress sender)
    {
        var mime = new MimeMessage();
        mime.From.Add(sender);
        mime.ReplyTo.Add(new MailboxAddress(sender.Name, sender.Address));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        // Machine-written mail (RFC 3834), and Exchange's own flag asking it to send no out-of-office or delivery replies.
        mime.Headers.Add("Auto-Submitted", message.AutoSubmitted);
        mime.Headers.Add("X-Auto-Response-Suppress", "All");
        if (message.MessageId is { } id) mime.MessageId = id;
        if (message.ThreadId is { } thread)
        {
            mime.InReplyTo = thread;
            mime.References.Add(thread);
        }

        var text = new TextPart("plain") { Text = message.Body };
        mime.Body = message.Html is null ? text : new MultipartAlternative { text, new TextPart("html") { Text = message.Html } };
        return mime;
    }
}
