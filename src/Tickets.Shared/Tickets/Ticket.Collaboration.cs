using Tickets.Common;
using Tickets.Tickets.History;

namespace Tickets.Tickets;

/// <summary>The people around a ticket besides its requester and assignee: CCs (the requester's side) and followers (staff).</summary>
public sealed partial record Ticket
{
    /// <summary>Staff who asked to hear of its comments, notes and status changes (<c>ticket_updated</c>).</summary>
    public IReadOnlyList<TicketPerson> Followers { get; init => field = ValueList.Of(value); } = ValueList<TicketPerson>.Empty;

    /// <summary>Whether the account is copied in.</summary>
    public bool IsCc(string userId) => Ccs.Any(c => c.Id == userId);

    /// <summary>The requester or a CC: who reads and comments on the public side and is told as the requester is.</summary>
    public bool IsOnRequesterSide(string userId) => Requester.Id == userId || IsCc(userId);

    public bool IsFollowedBy(string userId) => Followers.Any(f => f.Id == userId);

    /// <summary>
    /// The requester or staff replace the CCs with <paramref name="ccs"/> (already checked: active accounts, not the
    /// requester, at most <see cref="TicketCcs.MaxCount"/>); history <c>ccs_changed</c>. A CC may not change the list.
    /// </summary>
    public Result<TicketChange> SetCcs(Actor actor, IReadOnlyList<TicketPerson> ccs, DateTimeOffset now)
    {
        if (!TicketPermissions.MayChangeCcs(this, actor)) return Error.Forbidden("The requester and staff change who is copied on a ticket.");
        var added = ccs.Where(c => !IsCc(c.Id)).ToList();
        var removed = Ccs.Where(c => ccs.All(n => n.Id != c.Id)).ToList();
        if (added.Count == 0 && removed.Count == 0) return new TicketChange(this, []);

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.CcsChanged, new CcsChangedData(added, removed))
            .Build(Touch(now) with { Ccs = ccs });
    }

    /// <summary>
    /// Staff start (<paramref name="follow"/>) or stop following; doing it twice changes nothing. Not an update of the
    /// ticket's content: its revision moves (a write), its <see cref="UpdatedAt"/> does not. History <c>followers_changed</c> (staff only).
    /// </summary>
    public Result<TicketChange> SetFollowing(Actor actor, bool follow, DateTimeOffset now)
    {
        if (!TicketPermissions.MayFollow(actor)) return Error.Forbidden("Technicians and admins follow tickets.");
        if (IsFollowedBy(actor.Id) == follow) return new TicketChange(this, []);

        var me = new TicketPerson(actor.Id, actor.Name);
        var followers = follow ? [.. Followers, me] : Followers.Where(f => f.Id != actor.Id).ToList();
        return new Recorder(Id, actor, now)
            .Add(TicketEventType.FollowersChanged, follow ? new FollowersChangedData([me], []) : new FollowersChangedData([], [me]))
            .Build(this with { Followers = followers, Revision = Revision + 1 });
    }
}
