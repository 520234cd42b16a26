using Microsoft.Extensions.Logging;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// Writes the changes the system makes on its own (SLA checks, auto-close) the way the routes write theirs: read, apply,
/// attach notifications and SLA checks to the outbox, save with the ETag, dispatch; a concurrent change is re-read and
/// the change re-applied, so no update is lost.
/// </summary>
public sealed partial class SystemTicketChanges(ITicketStore store, TicketOutbox outbox, TimeProvider time, ILogger<SystemTicketChanges> logger)
{
    /// <summary>True when something was written; false when the ticket is gone or the change was empty (stale, already done).</summary>
    public async Task<bool> ApplyAsync(string ticketId, Func<Ticket, TicketChange> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAsync(ticketId, cancellationToken);
            if (current is null) return false;

            var changed = change(current);
            if (changed.IsEmpty) return false;

            var planned = await outbox.AttachAsync(current, changed, Actor.System, cancellationToken);
            if (await store.SaveAsync(planned, current.ETag, cancellationToken) is not null)
            {
                outbox.Dispatch(planned);
                return true;
            }

            // Thrown to the trigger, whose queue or timer retries later: nothing was written.
            if (attempt == Contention.MaxAttempts)
                throw new InvalidOperationException($"Ticket {ticketId} kept changing; the system change was not applied and will be retried.");

            LogRetry(logger, ticketId, attempt);
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ticket {TicketId} changed concurrently under a system change; retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string ticketId, int attempt);
}
