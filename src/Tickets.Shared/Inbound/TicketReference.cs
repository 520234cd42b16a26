using System.Text.RegularExpressions;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.Inbound;

/// <summary>
/// The ticket a message names: <c>[TCK-000123]</c> in its subject, else one of our own Message-IDs in its
/// <c>In-Reply-To</c> or <c>References</c> — a ticket's thread root (<c>ticket-{id}@{domain}</c>) or a notification's
/// e-mail (<c>notification-{id}@{domain}</c>), under our domain only. Exactly one of the three is set.
/// </summary>
public sealed partial record TicketReference(string? Number, string? TicketId, string? NotificationId)
{
    /// <summary>The reference, or null when the message names none of ours.</summary>
    public static TicketReference? Find(string? subject, string? inReplyTo, IEnumerable<string> references, string domain)
    {
        if (subject is not null && SubjectNumber().Match(subject) is { Success: true } tag
            && Ticket.TryParseNumber(tag.Groups[1].Value, out var number))
            return new TicketReference(Ticket.FormatNumber(number), null, null);

        // The message it answers first, then its thread from the newest reference back.
        var ids = new List<string>();
        if (inReplyTo is not null) ids.Add(inReplyTo);
        ids.AddRange(references.Reverse());
        foreach (var id in ids)
        {
            if (Parse(InboundMailKey.Normalize(id), domain) is { } found) return found;
        }

        return null;
    }

    private static TicketReference? Parse(string messageId, string domain)
    {
        var at = messageId.LastIndexOf('@');
        if (at <= 0 || !messageId.AsSpan(at + 1).Equals(domain, StringComparison.OrdinalIgnoreCase)) return null;
        var local = messageId[..at];
        if (local.StartsWith("ticket-", StringComparison.Ordinal) && local["ticket-".Length..] is var ticketId && Ids.IsWellFormed(ticketId))
            return new TicketReference(null, ticketId, null);
        if (local.StartsWith("notification-", StringComparison.Ordinal) && local["notification-".Length..] is var notificationId && Ids.IsWellFormed(notificationId))
            return new TicketReference(null, null, notificationId);
        return null;
    }

    [GeneratedRegex(@"\[\s*(TCK-\d{1,18})\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectNumber();
}
