using System.ComponentModel;
using System.Text.Json.Serialization;
using Tickets.Tickets;

namespace Tickets.Administration.Teams;

/// <summary>
/// A group of technicians and admins that tickets are routed to (by their category, or moved by staff), with the way new
/// tickets are assigned among its active members. A person may be in several teams.
/// </summary>
public sealed record Team
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required AssignmentMode Assignment { get; init; }

    /// <summary>In the order the admin gave them: round robin takes them in this order.</summary>
    public required IReadOnlyList<string> MemberIds { get; init; }

    public required bool Active { get; init; }

    /// <summary>Assigned by the store on every write; the HTTP ETag.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";

    [JsonIgnore]
    public TicketTeam Reference => new(Id, Name);

    public TeamView ToView() => new(Id, Name, Description, AssignmentModes.Name(Assignment), MemberIds, Active, ETag);

    /// <summary>What the audit log records of a team (its management fields, no ETag).</summary>
    public object AuditFields() => new TeamAuditFields(Name, Description, AssignmentModes.Name(Assignment), MemberIds, Active);

    private sealed record TeamAuditFields(string Name, string? Description, string Assignment, IReadOnlyList<string> MemberIds, bool Active);
}

/// <summary>A team as the API shows it.</summary>
public sealed record TeamView(
    string Id,
    string Name,
    string? Description,
    [property: Description("manual, roundRobin or leastLoaded: how new tickets of the team are assigned among its active members.")]
    string Assignment,
    [property: Description("Active technicians and admins; round robin takes them in this order.")] IReadOnlyList<string> MemberIds,
    bool Active,
    string Etag);

/// <summary><c>GET /teams</c>.</summary>
public sealed record TeamList(IReadOnlyList<TeamView> Items);

/// <summary>The API spelling of <see cref="AssignmentMode"/> on teams (<c>manual</c>, <c>roundRobin</c>, <c>leastLoaded</c>).</summary>
public static class AssignmentModes
{
    private static readonly Dictionary<string, AssignmentMode> ByName = new(StringComparer.Ordinal)
    {
        ["manual"] = AssignmentMode.Manual,
        ["roundRobin"] = AssignmentMode.RoundRobin,
        ["leastLoaded"] = AssignmentMode.LeastLoaded,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static string Name(AssignmentMode mode) => ByName.First(pair => pair.Value == mode).Key;

    public static AssignmentMode? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var mode) ? mode : null;
}

/// <summary>Every team, as one instance last read them (kept by <see cref="StoreCache{T}"/>).</summary>
public sealed class TeamDirectory(IReadOnlyList<Team> teams)
{
    public IReadOnlyList<Team> All { get; } = teams;

    public Team? Find(string? id) => id is null ? null : All.FirstOrDefault(t => t.Id == id);

    /// <summary>The ids of the teams <paramref name="userId"/> is a member of (active or not: a "my teams" view shows their tickets).</summary>
    public IReadOnlyList<string> TeamsOf(string userId) => [.. All.Where(t => t.MemberIds.Contains(userId, StringComparer.Ordinal)).Select(t => t.Id)];
}

/// <summary>The teams through a short-lived cache: what the request path reads (ticket create, the "my teams" filter).</summary>
public sealed class TeamDirectories(ITeamStore store, StoreCache<TeamDirectory> cache)
{
    public ValueTask<TeamDirectory> GetAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(async ct => new TeamDirectory(await store.ListAsync(ct)), cancellationToken);

    /// <summary>After a write through this instance: the next read loads the store.</summary>
    public void Invalidate() => cache.Invalidate();
}
