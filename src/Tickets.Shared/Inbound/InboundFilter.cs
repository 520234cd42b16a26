using MimeKit;

namespace Tickets.Inbound;

/// <summary>
/// Loop protection: mail no person wrote, or that must never be answered, opens nothing. Decided from the headers alone,
/// before anyone is looked up or answered, so an auto-reply, a bounce or a list never gets a ticket, a comment or a reply.
/// </summary>
public static class InboundFilter
{
    private static readonly string[] BounceSenders = ["mailer-daemon", "postmaster"];

    /// <param name="ownAddresses">The help desk's own addresses (normalised): mail from them is our own, read back.</param>
    public static InboundRefusal? Check(MimeMessage message, IReadOnlyCollection<string> ownAddresses)
    {
        if (SenderOf(message) is not { } from) return InboundRefusal.NoSender;
        if (ownAddresses.Contains(from.Address)) return InboundRefusal.OwnAddress;
        if (IsBounce(message, from)) return InboundRefusal.Bounce;
        if (IsAutoReply(message)) return InboundRefusal.AutoReply;
        if (IsBulk(message)) return InboundRefusal.Bulk;
        return null;
    }

    /// <summary>The first <c>From</c> mailbox with a usable address (normalised), or null.</summary>
    public static MailboxAddress? SenderOf(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        var address = from?.Address?.Trim();
        if (from is null || string.IsNullOrEmpty(address)) return null;
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == address.Length - 1 || address.Length > 254) return null;
        return new MailboxAddress(from.Name, Common.Text.NormalizeEmail(address));
    }

    private static bool IsBounce(MimeMessage message, MailboxAddress from)
    {
        var local = from.Address[..from.Address.IndexOf('@', StringComparison.Ordinal)];
        if (BounceSenders.Contains(local, StringComparer.OrdinalIgnoreCase)) return true;
        return message.Body is MultipartReport report
            && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsAutoReply(MimeMessage message)
    {
        var autoSubmitted = message.Headers["Auto-Submitted"];
        if (autoSubmitted is not null && !string.Equals(FirstToken(autoSubmitted), "no", StringComparison.OrdinalIgnoreCase)) return true;
        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond")) return true;
        return string.Equals(Precedence(message), "auto_reply", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBulk(MimeMessage message) =>
        Precedence(message) is { } precedence && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("list", StringComparison.OrdinalIgnoreCase) || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase))
        || message.Headers.Contains(HeaderId.ListId) || message.Headers.Contains(HeaderId.ListUnsubscribe);

    private static string? Precedence(MimeMessage message) => message.Headers["Precedence"] is { } value ? FirstToken(value) : null;

    /// <summary>The value without its comments or parameters (<c>auto-replied; owner-email=…</c> → <c>auto-replied</c>).</summary>
    private static string FirstToken(string value)
    {
        var end = value.AsSpan().IndexOfAny(";( ");
        return (end < 0 ? value : value[..end]).Trim();
    }
}
