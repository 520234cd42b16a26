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
    public async Task<TicketChange> AttachAsync(Ticket? before, TicketChange change, Actor actor, CancellationToken cancellationToken) =>
        Attach(before, change, actor, NotificationRules.NeedsAdmins(change) ? await ActiveAdminsAsync(cancellationToken) : []);

    /// <summary>The ids of the active admins, for <see cref="Attach"/> when the change is made where nothing can be awaited.</summary>
    public async Task<IReadOnlyList<string>> ActiveAdminsAsync(CancellationToken cancellationToken) =>
        (await users.ListActiveByRoleAsync(Admins, cancellationToken)).Select(u => u.Id).ToList();

    /// <summary>As <see cref="AttachAsync"/>, with the active admins already read (<see cref="ActiveAdminsAsync"/>).</summary>
    public TicketChange Attach(Ticket? before, TicketChange change, Actor actor, IReadOnlyList<string> activeAdminIds)
    {
        IReadOnlyList<OutboxMessage> messages =
        [
            .. NotificationRules.Plan(change, actor.IsSystem ? null : actor, activeAdminIds),
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
