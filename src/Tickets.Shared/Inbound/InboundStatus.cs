using Microsoft.Extensions.Options;
using Tickets.Email;
using Tickets.Messaging;

namespace Tickets.Inbound;

/// <summary>The e-mail channel's state for admins (<c>GET /inbound/status</c>): its doors, the mailbox's poll, its poison queue, its last day.</summary>
public sealed class InboundStatus(
    IOptions<InboundOptions> options, IOptions<MailOptions> mail, IOptions<SmtpOptions> smtp, IInboundMailStore store, QueueHealth queues, TimeProvider time)
{
    public const int RecentCount = 50;

    public async Task<InboundStatusView> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        MailboxStatusView? mailbox = null;
        if (settings.Imap.IsConfigured)
        {
            var state = await store.GetMailboxAsync(MailboxPoller.MailboxName(settings.Imap), cancellationToken);
            mailbox = new MailboxStatusView(settings.Imap.Host!, settings.Imap.Folder, state?.LastPollAt, state?.LastSuccessAt,
                state?.LastError, state?.LastErrorAt, state?.Queued ?? 0);
        }

        var poison = await queues.ProbeAsync(QueueNames.Poison(QueueNames.InboundMail), cancellationToken);
        var recent = await store.ListRecentAsync(RecentCount, cancellationToken);
        var lastDay = await store.CountSinceAsync(time.GetUtcNow() - TimeSpan.FromDays(1), cancellationToken);
        return new InboundStatusView(
            settings.Imap.IsConfigured,
            settings.WebhookEnabled,
            mail.Value.Sender(smtp.Value.From).Address,
            settings.UnknownSenders,
            mailbox,
            poison.Reachable ? poison.ApproximateMessages : null,
            WithRefusedTotal(lastDay),
            [.. recent.Select(InboundMailView.Of)]);
    }

    /// <summary>
    /// The store counts refusals by reason; admins also read how many were refused in all (<c>refused</c>), beside
    /// <c>ticket</c> and <c>comment</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, int> WithRefusedTotal(IReadOnlyDictionary<string, int> counts)
    {
        var outcomes = new[] { InboundOutcome.Ticket, InboundOutcome.Comment }.Select(Common.Json.EnumName).ToHashSet(StringComparer.Ordinal);
        var refused = counts.Where(c => !outcomes.Contains(c.Key)).Sum(c => c.Value);
        var all = new Dictionary<string, int>(counts, StringComparer.Ordinal) { [Common.Json.EnumName(InboundOutcome.Refused)] = refused };
        return all;
    }
}
