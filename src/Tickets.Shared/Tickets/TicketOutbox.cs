using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Sla;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// Puts a ticket change's outgoing messages into the change itself (so they commit with it) and hands them to the
/// dispatcher once committed. Every writer of ticket changes — the routes, the SLA check, auto-close — goes through here.
/// </summary>
public sealed class TicketOutbox(IUserStore users, OutboxDispatcher dispatcher, TimeProvider time)
{
    private static readonly Role[] Admins = [Role.Admin];

    /// <param name="before">The ticket as it was; null for a new one.</param>
    /// <param name="change">The change as the aggregate made it.</param>
    /// <param name="actor">Who made it (never told about their own change); <see cref="Actor.System"/> for the system.</param>
    /// <param name="cancellationToken">Cancels the read of the active admins, when the rules need them.</param>
    public async Task<TicketChange> AttachAsync(Ticket? before, TicketChange change, Actor actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> admins = [];
        if (NotificationRules.NeedsAdmins(change))
            admins = (await users.ListActiveByRoleAsync(Admins, cancellationToken)).Select(u => u.Id).ToList();

        IReadOnlyList<OutboxMessage> messages =
        [
            .. NotificationRules.Plan(change, actor.IsSystem ? null : actor, admins),
            .. SlaSchedule.Plan(before, change.Ticket, time.GetUtcNow()),
        ];
        return messages.Count == 0 ? change : change with { Outbox = [.. change.Outbox, .. messages] };
    }

    /// <summary>After the commit: send now, in the background; the relay covers whatever this does not.</summary>
    public void Dispatch(TicketChange committed)
    {
        if (committed.Outbox.Count > 0) dispatcher.Dispatch(committed.Outbox);
    }
}
