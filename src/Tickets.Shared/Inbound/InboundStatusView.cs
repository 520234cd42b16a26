namespace Tickets.Inbound;

/// <summary>
/// <c>GET /inbound/status</c> (admins): the e-mail channel's state — each door, the mailbox's last poll, the queue's
/// poison count, the last day's figures and the newest processed messages with what they became and why.
/// <see cref="LastDay"/> counts the last 24 hours by outcome (<c>ticket</c>, <c>comment</c>, <c>refused</c>) and, for
/// the refused, by reason (<c>auto_reply</c>, <c>unknown_sender</c>…; only the reasons that occurred).
/// </summary>
public sealed record InboundStatusView(
    bool MailboxConfigured,
    bool WebhookConfigured,
    string? SupportAddress,
    UnknownSenders UnknownSenders,
    MailboxStatusView? Mailbox,
    long? Poisoned,
    IReadOnlyDictionary<string, int> LastDay,
    IReadOnlyList<InboundMailView> Recent);

/// <summary>The mailbox's poll as admins see it (no credentials).</summary>
public sealed record MailboxStatusView(
    string Host,
    string Folder,
    DateTimeOffset? LastPollAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long Queued);

/// <summary>One processed message as admins see it.</summary>
public sealed record InboundMailView(
    string Id,
    string From,
    string Subject,
    InboundDoor Door,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    InboundOutcome Outcome,
    InboundRefusal? Reason,
    string? TicketId,
    string? TicketNumber)
{
    public static InboundMailView Of(InboundMailRecord r) =>
        new(r.Id, r.From, r.Subject, r.Door, r.ReceivedAt, r.ProcessedAt, r.Outcome, r.Reason, r.TicketId, r.TicketNumber);
}
