using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Administration.Teams;

/// <summary>
/// What admins do with teams (staff read them). Each change is written with its audit entry in one atomic write, and this
/// instance's cached teams are dropped at once (other instances read them again within the cache's lifetime).
/// </summary>
public sealed class TeamAdministration(
    ITeamStore teams, ICategoryStore categories, IUserStore users, ITicketStore tickets, TeamDirectories directory, CurrentUser me, TimeProvider time)
{
    public async Task<TeamList> ListAsync(CancellationToken cancellationToken) =>
        new([.. (await teams.ListAsync(cancellationToken)).Select(t => t.ToView())]);

    public async Task<Result<Team>> GetAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsWellFormed(id) && await teams.FindAsync(id, cancellationToken) is { } team ? team : Error.NotFound("team");

    public async Task<Result<Team>> CreateAsync(CreateTeamRequest request, CancellationToken cancellationToken)
    {
        var v = request.Validate();
        var members = await MembersAsync(v, request.MemberIds ?? [], cancellationToken);
        if (v.ToError() is { } invalid) return invalid;

        var now = time.GetUtcNow();
        var team = new Team
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Name = request.Name!.Trim(),
            Description = TeamRules.Optional(request.Description),
            Assignment = AssignmentModes.Parse(request.Assignment) ?? AssignmentMode.Manual,
            MemberIds = members,
            Active = request.Active ?? true,
        };
        var created = await teams.CreateAsync(team, Audit("team.created", team, null, team, now), cancellationToken);
        directory.Invalidate();
        return created;
    }

    public async Task<Result<Team>> UpdateAsync(string id, UpdateTeamRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        var v = request.Validate();
        var members = request.MemberIds is null ? null : await MembersAsync(v, request.MemberIds, cancellationToken);
        if (v.ToError() is { } invalid) return invalid;

        return await WriteAsync(id, ifMatch, async current =>
        {
            var next = current with
            {
                Name = request.Name?.Trim() ?? current.Name,
                Description = request.Description is null ? current.Description : TeamRules.Optional(request.Description),
                Assignment = AssignmentModes.Parse(request.Assignment) ?? current.Assignment,
                MemberIds = members ?? current.MemberIds,
                Active = request.Active ?? current.Active,
            };
            if (next.Name == current.Name && next.Description == current.Description && next.Assignment == current.Assignment
                && next.MemberIds.SequenceEqual(current.MemberIds) && next.Active == current.Active)
                return (Result<Team?>)current;

            var now = time.GetUtcNow();
            return await teams.SaveAsync(next, current.ETag, Audit("team.changed", next, current, next, now), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Refused (409) while the team has open work or a category routes new tickets to it.</summary>
    public async Task<Result> DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var deleted = await WriteAsync(id, ifMatch, async current =>
        {
            if (await tickets.AnyOpenInTeamAsync(current.Id, cancellationToken))
                return Error.Conflict("team_has_open_tickets", $"Team '{current.Name}' still has open tickets: move or finish them first.");
            var routing = (await categories.ListAsync(cancellationToken)).Where(c => c.TeamId == current.Id).Select(c => c.Id).ToList();
            if (routing.Count > 0)
                return Error.Conflict("team_in_use", $"Categories route new tickets to team '{current.Name}': {string.Join(", ", routing)}. Route them elsewhere first.");

            var gone = await teams.DeleteAsync(current.Id, current.ETag, Audit("team.deleted", current, current, null, time.GetUtcNow()), cancellationToken);
            return gone ? current : (Result<Team?>)(Team?)null;
        }, cancellationToken);
        return deleted.IsSuccess ? Result.Success : deleted.Error!;
    }

    /// <summary>
    /// Read, check <paramref name="ifMatch"/>, change, write with the ETag read; a concurrent change (null from the write) is
    /// read again unless the caller holds an If-Match (412).
    /// </summary>
    private async Task<Result<Team>> WriteAsync(string id, string? ifMatch, Func<Team, Task<Result<Team?>>> change, CancellationToken cancellationToken)
    {
        var conditional = ifMatch is not null && ifMatch != "*";
        for (var attempt = 1; ; attempt++)
        {
            var found = await GetAsync(id, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            if (conditional && found.Value.ETag != ifMatch) return StaleETag;

            var written = await change(found.Value);
            if (!written.IsSuccess) return written.Error!;
            if (written.Value is { } done)
            {
                if (!ReferenceEquals(done, found.Value)) directory.Invalidate();
                return done;
            }

            if (conditional) return StaleETag;
            if (attempt == Contention.MaxAttempts) return Contention.Busy("team");
            await Contention.BackOffAsync(attempt, time, cancellationToken);
        }
    }

    private static Error StaleETag => Error.PreconditionFailed("The team changed since you read it (If-Match no longer matches): read it again.");

    /// <summary>The member ids without repeats, each an active technician or admin (else <c>memberIds</c> is named).</summary>
    private async Task<IReadOnlyList<string>> MembersAsync(Validator v, IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.Distinct(StringComparer.Ordinal).ToList();
        if (v.Has("memberIds")) return ids;
        foreach (var memberId in ids)
        {
            if (await users.FindByIdAsync(memberId, cancellationToken) is not { Active: true, IsStaff: true })
            {
                v.Add("memberIds", FieldCodes.NotStaff, $"'{memberId}' is not an active technician or admin.");
                break;
            }
        }

        return ids;
    }

    private AuditEntry Audit(string action, Team target, Team? before, Team? after, DateTimeOffset now) =>
        AuditEntry.Of(new AuditActor(me.Id, me.User.FullName), action, new AuditTarget("team", target.Id, target.Name),
            before?.AuditFields(), after?.AuditFields(), now);
}
