using Microsoft.Extensions.Logging;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// Closes resolved tickets nobody touched for <c>Tickets:AutoCloseAfterDays</c> (or <c>Tickets:AutoCloseAfter</c>), as
/// the system, telling the requester. Run by the <c>AutoClose</c> timer; reads resolved tickets least recently updated first
/// and stops at the first that is too recent.
/// </summary>
public sealed partial class AutoCloser(ITicketStore tickets, SystemTicketChanges changes, TicketRules rules, TimeProvider time, ILogger<AutoCloser> logger)
{
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - rules.AutoCloseDelay;
        var query = new TicketQuery
        {
            Statuses = [TicketStatus.Resolved],
            Sort = TicketSort.UpdatedAt,
            Page = new PageRequest(PageRequest.MaxLimit, null, false),
        };

        var closed = 0;
        for (string? cursor = null, last = null; ; last = cursor)
        {
            var page = await tickets.ListAsync(query with { Page = query.Page with { Cursor = cursor } }, cancellationToken);
            var due = page.Items.TakeWhile(t => t.UpdatedAt <= cutoff).ToList();
            foreach (var ticket in due)
            {
                if (await changes.ApplyAsync(ticket.Id, t => t.AutoClose(rules, time.GetUtcNow()), cancellationToken)) closed++;
            }

            cursor = page.NextCursor;
            if (due.Count < page.Items.Count || cursor is null || cursor == last) break;
        }

        if (closed > 0) LogClosed(logger, closed);
        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-close closed {Count} resolved tickets")]
    private static partial void LogClosed(ILogger logger, int count);
}
