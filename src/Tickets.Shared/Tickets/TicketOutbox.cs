using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// Puts a ticket change's outgoing messages into the change itself (so they commit with it) and hands them to the
/// dispatcher once committed. Every writer of ticket changes — the routes, the SLA check, auto-close — goes through here.
/// </summary>
public sealed class TicketOutbox(IUserStore users, OutboxDispatcher dispatcher)
{
    private static readonly Role[] Admins = [Role.Admin];

    /// <param name="change">The change as the aggregate made it.</param>
    /// <param name="actor">Who made it; null for the system (never told about their own change).</param>
    /// <param name="cancellationToken">Cancels the read of the active admins, when the rules need them.</param>
    public async Task<TicketChange> AttachAsync(TicketChange change, Actor? actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> admins = [];
        if (NotificationRules.NeedsAdmins(change))
            admins = (await users.ListActiveByRoleAsync(Admins, cancellationToken)).Select(u => u.Id).ToList();

        var messages = NotificationRules.Plan(change, actor, admins);
        return messages.Count == 0 ? change : change with { Outbox = [.. change.Outbox, .. messages] };
    }

    /// <summary>After the commit: send now, in the background; the relay covers whatever this does not.</summary>
    public void Dispatch(TicketChange committed)
    {
        if (committed.Outbox.Count > 0) dispatcher.Dispatch(committed.Outbox);
    }
}
