namespace Tickets.Email;

/// <summary>
/// An e-mail to one person: a plain-text body and, when set, an HTML alternative of the same content. The sender, the
/// reply address and the domain of message ids come from <see cref="MailOptions"/>.
/// </summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body)
{
    /// <summary>The HTML alternative; every text in it already escaped by whoever wrote it.</summary>
    public string? Html { get; init; }

    /// <summary>Our own <c>Message-ID</c> (without angle brackets), or null for the library's random one.</summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// <c>Auto-Submitted</c> (RFC 3834): everything the help desk sends is written by a machine — <c>auto-generated</c>
    /// (notifications, links), or <c>auto-replied</c> for an answer to a mail — so other robots (out-of-office replies,
    /// other help desks) do not answer it, and mail loops end.
    /// </summary>
    public string AutoSubmitted { get; init; } = "auto-generated";

    /// <summary>The thread's root id (without angle brackets) for <c>In-Reply-To</c> and <c>References</c>: mail clients thread on it.</summary>
    public string? ThreadId { get; init; }
}
