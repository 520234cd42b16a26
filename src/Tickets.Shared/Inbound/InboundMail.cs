namespace Tickets.Inbound;

/// <summary>Which door a message came in by.</summary>
public enum InboundDoor
{
    Mailbox,
    Webhook,
}

/// <summary>
/// An <c>inbound-mail</c> queue message: a raw RFC 5322 message kept as the blob <see cref="Blob"/> of the inbound
/// container, and how it came in. <see cref="Id"/> is the door's own id for it (the mailbox's
/// <c>{uidValidity}-{uid}</c>, the webhook's random one); the message's identity is its <c>Message-ID</c>, read when it is processed.
/// </summary>
public sealed record InboundMailMessage(string Id, string Blob, InboundDoor Door, DateTimeOffset ReceivedAt);

/// <summary>What a processed message became.</summary>
public enum InboundOutcome
{
    /// <summary>A new ticket (<see cref="InboundMailRecord.TicketId"/>).</summary>
    Ticket,

    /// <summary>A public comment on <see cref="InboundMailRecord.TicketId"/> (<see cref="InboundMailRecord.CommentId"/>).</summary>
    Comment,

    /// <summary>Nothing, for <see cref="InboundMailRecord.Reason"/>.</summary>
    Refused,
}

/// <summary>Why a message opened nothing (snake_case in the API).</summary>
public enum InboundRefusal
{
    /// <summary><c>Auto-Submitted</c> other than <c>no</c> (out-of-office, auto-replies), or an auto-reply's own marks.</summary>
    AutoReply,

    /// <summary><c>Precedence: bulk|list|junk</c>, or a mailing list's <c>List-Id</c>/<c>List-Unsubscribe</c>.</summary>
    Bulk,

    /// <summary>A delivery report: mailer-daemon or postmaster sender, or <c>multipart/report</c>.</summary>
    Bounce,

    /// <summary>From our own address (our notifications, read back from the mailbox).</summary>
    OwnAddress,

    /// <summary>The sender sent more than <c>Tickets:Inbound:MaxPerSenderPerHour</c> this hour.</summary>
    OverLimit,

    /// <summary>No account has the sender's address (with <c>UnknownSenders = reject</c>).</summary>
    UnknownSender,

    /// <summary>The account of the sender is deactivated.</summary>
    InactiveSender,

    /// <summary>It names a ticket the sender may not see, or that does not exist: nothing is written to any ticket.</summary>
    TicketNotVisible,

    /// <summary>The ticket it answers takes no more comments (closed).</summary>
    TicketClosed,

    /// <summary>No text once quotes and signatures are removed, or nothing that makes a valid ticket or comment.</summary>
    Empty,

    /// <summary>No usable <c>From</c> address.</summary>
    NoSender,
}

/// <summary>
/// One processed message, kept by its key (a hash of its <c>Message-ID</c>, or of its bytes when it has none): the
/// same message again, by either door or on a redelivery, changes nothing. Also what admins see of the channel.
/// </summary>
public sealed record InboundMailRecord(
    string Id,
    string MessageId,
    string From,
    string Subject,
    InboundDoor Door,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    InboundOutcome Outcome)
{
    public InboundRefusal? Reason { get; init; }

    public string? TicketId { get; init; }

    /// <summary>The ticket's display number (TCK-000123), for people.</summary>
    public string? TicketNumber { get; init; }

    public string? CommentId { get; init; }

    public const int SubjectMax = 200;
}

/// <summary>
/// Where the poll of one mailbox folder stands: the folder's UIDVALIDITY and the highest UID queued under it (a new
/// UIDVALIDITY means the server renumbered the folder: start over from the messages there now), and the last poll's outcome.
/// </summary>
public sealed record MailboxState(string Mailbox)
{
    public uint UidValidity { get; init; }

    public uint LastUid { get; init; }

    /// <summary>
    /// When the poll first read the folder under <see cref="UidValidity"/>: messages the server received more than
    /// <c>Imap:Backlog</c> before it are left in the mailbox (connecting a mailbox full of old mail opens nothing).
    /// </summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? LastPollAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>The last poll's failure (type and message, no secrets), cleared by the next success.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Messages taken from the mailbox since the state was made.</summary>
    public long Queued { get; init; }

    /// <summary>Optimistic concurrency: the store bumps it on every save, and refuses a save from an older one.</summary>
    public long Version { get; init; }
}
