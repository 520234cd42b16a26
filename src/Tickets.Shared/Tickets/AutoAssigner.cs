using Microsoft.Extensions.Options;
using Tickets.Administration.Teams;
using Tickets.Tickets.History;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// Who a new ticket is assigned to by the system. A ticket in a team: among the team's active members (technicians and
/// admins), by the team's mode, taking turns on the team's stored counter (fair across instances). A ticket without a team:
/// by <c>Tickets:Assignment:Mode</c> among all active technicians, on the global counter (manual, the default, leaves it
/// unassigned). roundRobin takes the candidates in turn; leastLoaded takes the one with the fewest open tickets (open,
/// in progress, on hold), ties broken by the same turn.
/// </summary>
public sealed class AutoAssigner(IOptions<AssignmentOptions> options, IUserStore users, ITicketStore tickets, ITeamStore teams)
{
    public async Task<(Assignee Assignee, AssignmentReason Reason)?> PickAsync(Team? team, CancellationToken cancellationToken)
    {
        var mode = team?.Assignment ?? options.Value.Mode;
        if (mode == AssignmentMode.Manual) return null;

        IReadOnlyList<User> candidates;
        if (team is null)
        {
            candidates = await users.ListActiveByRoleAsync([Role.Technician], cancellationToken);
        }
        else
        {
            var staff = (await users.ListActiveByRoleAsync([Role.Technician, Role.Admin], cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal);
            candidates = [.. team.MemberIds.Select(id => staff.GetValueOrDefault(id)).OfType<User>()];
        }

        if (candidates.Count == 0) return null;

        if (mode == AssignmentMode.LeastLoaded)
        {
            var load = await tickets.CountOpenByAssigneeAsync(cancellationToken);
            var least = candidates.Min(c => load.GetValueOrDefault(c.Id));
            candidates = candidates.Where(c => load.GetValueOrDefault(c.Id) == least).ToList();
        }

        var turn = team is null ? await tickets.NextAssignmentTurnAsync(cancellationToken) : await teams.NextTurnAsync(team.Id, cancellationToken);
        var chosen = candidates[(int)((turn - 1) % candidates.Count)];
        return (new Assignee(chosen.Id, chosen.FullName), mode == AssignmentMode.RoundRobin ? AssignmentReason.RoundRobin : AssignmentReason.LeastLoaded);
    }
}
