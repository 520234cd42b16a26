using MimeKit;

namespace Tickets.Email;

/// <summary>
/// <c>Tickets:Mail</c>: who e-mail comes from. <c>FromName</c> is the organisation's name (default "Soporte");
/// <c>SupportAddress</c> is both the sender and the <c>Reply-To</c> (default the address of <c>Tickets:Smtp:From</c>),
/// and its domain names our message ids.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Tickets:Mail";

    public string FromName { get; set; } = "Soporte";

    public string? SupportAddress { get; set; }

    /// <summary>The support mailbox: <see cref="SupportAddress"/>, else the address in <paramref name="smtpFrom"/>.</summary>
    public MailboxAddress Sender(string smtpFrom)
    {
        var address = string.IsNullOrWhiteSpace(SupportAddress)
            ? (MailboxAddress.TryParse(smtpFrom, out var parsed) ? parsed.Address : "tickets@localhost")
            : SupportAddress.Trim();
        return new MailboxAddress(string.IsNullOrWhiteSpace(FromName) ? "Soporte" : FromName.Trim(), address);
    }

    /// <summary>The domain of the support address, for message ids (<c>&lt;ticket-…@domain&gt;</c>).</summary>
    public string Domain(string smtpFrom)
    {
        var address = Sender(smtpFrom).Address;
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }
}
