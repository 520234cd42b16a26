using System.ComponentModel.DataAnnotations;

namespace Tickets.Inbound;

/// <summary>What the help desk does with mail from an address that is no account.</summary>
public enum UnknownSenders
{
    /// <summary>Nothing is made; the sender gets one polite answer saying how to register, at most one per address per day.</summary>
    Reject,

    /// <summary>An account with role <c>user</c> is made for the sender (with an e-mailed set-password link), and the mail becomes its ticket.</summary>
    Create,
}

/// <summary>
/// <c>Tickets:Inbound</c>: the e-mail channel's way in. Two doors, one path: the mailbox (<see cref="Imap"/>, polled by
/// the timer <c>MailboxPoll</c> on <see cref="PollSchedule"/>) and the signed webhook <c>POST /inbound/email</c>
/// (<see cref="WebhookSecret"/>; none set: the route answers 404). Both keep the raw message in the <c>inbound-mail</c>
/// container and queue it on <c>inbound-mail</c>, where <c>ProcessInboundMail</c> decides what it becomes.
/// </summary>
public sealed class InboundOptions
{
    public const string Section = "Tickets:Inbound";

    /// <summary>The mailbox to poll; no host, no polling.</summary>
    public ImapOptions Imap { get; set; } = new();

    /// <summary>The HMAC-SHA256 key of <c>POST /inbound/email</c> (at least 32 characters); unset: the webhook does not exist.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's <c>X-Tickets-Timestamp</c> may be from now, either way. Default 5 minutes.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Mail from an address that is no account: <c>reject</c> (default) or <c>create</c>.</summary>
    public UnknownSenders UnknownSenders { get; set; } = UnknownSenders.Reject;

    /// <summary>More messages than this from one sender in an hour open nothing (loop protection). Default 30.</summary>
    [Range(1, 100_000)]
    public int MaxPerSenderPerHour { get; set; } = 30;

    /// <summary>The largest raw message either door takes (413 at the webhook; skipped, and reported, in the mailbox). Default 25 MiB.</summary>
    [Range(1024, 1L << 30)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The NCRONTAB schedule of <c>MailboxPoll</c>. Default every minute.</summary>
    public string PollSchedule { get; set; } = "0 * * * * *";

    /// <summary>How long the record of a processed message is kept (what drops the same message again). Default 90 days.</summary>
    public TimeSpan RecordLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The NCRONTAB schedule of <c>InboundMailSweep</c>, which removes older records. Default daily at 04:23.</summary>
    public string SweepSchedule { get; set; } = "0 23 4 * * *";

    /// <summary>The blob container that keeps each raw message (private; the lifecycle rule removes them after days).</summary>
    public string Container { get; set; } = "inbound-mail";

    /// <summary>
    /// A secret is set — and is not a Key Vault reference the platform failed to resolve (App Service then passes the
    /// reference's own text, which is no secret at all).
    /// </summary>
    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookSecret)
        && !WebhookSecret.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<(string Key, string Message)> Rules(InboundOptions options)
    {
        if (options.WebhookEnabled && options.WebhookSecret!.Length < 32) yield return (nameof(WebhookSecret), "Must be at least 32 characters.");
        if (options.WebhookTolerance <= TimeSpan.Zero || options.WebhookTolerance > TimeSpan.FromHours(1))
            yield return (nameof(WebhookTolerance), "Must be more than zero and at most 01:00:00.");
        if (string.IsNullOrWhiteSpace(options.PollSchedule)) yield return (nameof(PollSchedule), "Must be an NCRONTAB schedule.");
        if (string.IsNullOrWhiteSpace(options.SweepSchedule)) yield return (nameof(SweepSchedule), "Must be an NCRONTAB schedule.");
        if (options.RecordLifetime < TimeSpan.FromDays(8))
            yield return (nameof(RecordLifetime), "Must be at least 8.00:00:00: longer than a queue message lives, so a redelivery is still recognised.");
        if (options.Imap.IsConfigured && (options.Imap.Port is < 1 or > 65535)) yield return ("Imap:Port", "Must be a port (1–65535).");
        if (options.Imap.IsConfigured && string.IsNullOrWhiteSpace(options.Imap.UserName)) yield return ("Imap:UserName", "Is required when Imap:Host is set.");
        if (options.Imap.MaxPerPoll is < 1 or > 1000) yield return ("Imap:MaxPerPoll", "Must be between 1 and 1000.");
        if (options.Imap.Backlog < TimeSpan.Zero) yield return ("Imap:Backlog", "Must not be negative.");
        if (options.Imap.IsConfigured && options.Imap.SignIn == ImapSignIn.OAuth2)
        {
            if (!string.IsNullOrWhiteSpace(options.Imap.ClientSecret) && string.IsNullOrWhiteSpace(options.Imap.TenantId))
                yield return ("Imap:TenantId", "Is required with Imap:ClientSecret (the app registration's tenant).");
            if (!string.IsNullOrWhiteSpace(options.Imap.ClientSecret) && string.IsNullOrWhiteSpace(options.Imap.ClientId))
                yield return ("Imap:ClientId", "Is required with Imap:ClientSecret (the app registration's client id).");
            if (string.IsNullOrWhiteSpace(options.Imap.Scope)) yield return ("Imap:Scope", "Is required with Imap:SignIn = oauth2.");
        }
    }
}

/// <summary>How the mailbox poll signs in.</summary>
public enum ImapSignIn
{
    /// <summary>User name and password (or app password): any IMAP server that still allows it.</summary>
    Password,

    /// <summary>
    /// OAuth 2.0 (SASL XOAUTH2) as an application, as Exchange Online requires: a token for <see cref="ImapOptions.Scope"/>
    /// from Microsoft Entra ID — with <see cref="ImapOptions.ClientSecret"/>, the client-credentials flow of the app
    /// registration <see cref="ImapOptions.ClientId"/> in <see cref="ImapOptions.TenantId"/>; without one, the app's managed
    /// identity (the user-assigned one whose client id is <see cref="ImapOptions.ClientId"/>, when set).
    /// </summary>
    OAuth2,
}

/// <summary><c>Tickets:Inbound:Imap</c>: the support mailbox (Exchange Online, any IMAP server; smtp4dev locally).</summary>
public sealed class ImapOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    /// <summary>TLS on connect (993) or STARTTLS; false only for a local server.</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    /// <summary>The password (or app password); from Key Vault in Azure. Only with <see cref="ImapSignIn.Password"/>.</summary>
    public string? Password { get; set; }

    /// <summary><c>password</c> (default) or <c>oauth2</c> (Microsoft 365 / Exchange Online).</summary>
    public ImapSignIn SignIn { get; set; } = ImapSignIn.Password;

    /// <summary>OAuth 2.0: the Entra tenant of the app registration (with <see cref="ClientSecret"/>).</summary>
    public string? TenantId { get; set; }

    /// <summary>OAuth 2.0: the app registration's client id, or the user-assigned managed identity's.</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth 2.0: the app registration's secret (Key Vault); unset: the managed identity signs in.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>OAuth 2.0: what the token is for. Default Exchange Online's IMAP.</summary>
    public string Scope { get; set; } = "https://outlook.office365.com/.default";

    public string Folder { get; set; } = "INBOX";

    /// <summary>At most this many messages are taken in one poll; the next poll goes on where it stopped.</summary>
    public int MaxPerPoll { get; set; } = 50;

    /// <summary>
    /// On the first poll of a folder (or after the server renumbered it), only the messages it received within this
    /// span are taken: connecting a mailbox with years of mail opens no ticket for them. Default one day.
    /// </summary>
    public TimeSpan Backlog { get; set; } = TimeSpan.FromDays(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
