using Microsoft.Extensions.Options;
using Tickets.Tickets.History;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// <c>Tickets:Assignment:Mode</c>: manual leaves new tickets unassigned; roundRobin takes active technicians in
/// turn; leastLoaded takes the one with the fewest open tickets, ties broken by the same turn counter.
/// </summary>
public sealed class AutoAssigner(IOptions<AssignmentOptions> options, IUserStore users, ITicketStore tickets)
{
    public async Task<(Assignee Assignee, AssignmentReason Reason)?> PickAsync(CancellationToken cancellationToken)
    {
        var mode = options.Value.Mode;
        if (mode == AssignmentMode.Manual) return null;

        IReadOnlyList<User> candidates = await users.ListActiveByRoleAsync([Role.Technician], cancellationToken);
        if (candidates.Count == 0) return null;

        if (mode == AssignmentMode.LeastLoaded)
        {
            var load = await tickets.CountOpenByAssigneeAsync(cancellationToken);
            var least = candidates.Min(c => load.GetValueOrDefault(c.Id));
            candidates = candidates.Where(c => load.GetValueOrDefault(c.Id) == least).ToList();
        }

        var turn = await tickets.NextAssignmentTurnAsync(cancellationToken);
        var chosen = candidates[(int)((turn - 1) % candidates.Count)];
        return (new Assignee(chosen.Id, chosen.FullName), mode == AssignmentMode.RoundRobin ? AssignmentReason.RoundRobin : AssignmentReason.LeastLoaded);
    }
}
