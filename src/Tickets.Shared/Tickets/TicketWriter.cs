using Microsoft.Extensions.Logging;
using Tickets.Common;

namespace Tickets.Tickets;

/// <summary>
/// The one way an existing ticket is changed, by a route or by the system: read it, apply the change, attach its
/// notifications and SLA checks to the outbox, save with the ETag that was read, dispatch. A concurrent write is read
/// again and the change applied again, so no update is lost, unless the caller holds an <c>If-Match</c> (then 412);
/// after <see cref="Contention.MaxAttempts"/> the answer is <see cref="Contention.Busy"/>, with nothing stored.
/// </summary>
public sealed partial class TicketWriter(ITicketStore store, TicketOutbox outbox, TimeProvider time, ILogger<TicketWriter> logger)
{
    public static Error StaleETag => Error.PreconditionFailed("The ticket changed since you read it (If-Match no longer matches): read it again.");

    /// <param name="read">Reads the ticket as the caller may see it (a 404 for what it may not).</param>
    /// <param name="ifMatch">The caller's <c>If-Match</c>; null or <c>*</c>: any version, re-read on a concurrent write.</param>
    /// <param name="actor">Who the change is told as coming from.</param>
    /// <param name="change">The change to the ticket as read; an empty one stores nothing and answers the ticket as it is.</param>
    public async Task<Result<TicketChange>> WriteAsync(
        Func<CancellationToken, Task<Result<Ticket>>> read, string? ifMatch, Actor actor,
        Func<Ticket, Task<Result<TicketChange>>> change, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            var found = await read(cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var current = found.Value;
            if (conditional && ifMatch != current.ETag) return StaleETag;

            var changed = await change(current);
            if (!changed.IsSuccess) return changed.Error!;
            if (changed.Value.IsEmpty) return changed.Value with { Ticket = current };

            var planned = await outbox.AttachAsync(current, changed.Value, actor, cancellationToken);
            var saved = await store.SaveAsync(planned, current.ETag, cancellationToken);
            if (saved is not null)
            {
                outbox.Dispatch(planned);
                return planned with { Ticket = saved };
            }

            if (conditional) return StaleETag;
            if (attempt == Contention.MaxAttempts)
            {
                LogGaveUp(logger, current.Id, attempt);
                return Contention.Busy("ticket");
            }

            LogRetry(logger, current.Id, attempt);
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {TicketId} kept changing concurrently; gave up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string ticketId, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ticket {TicketId} changed concurrently; retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string ticketId, int attempt);
}
