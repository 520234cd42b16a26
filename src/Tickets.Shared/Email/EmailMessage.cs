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

    /// <summary>The thread's root id (without angle brackets) for <c>In-Reply-To</c> and <c>References</c>: mail clients thread on it.</summary>
    public string? ThreadId { get; init; }
}
