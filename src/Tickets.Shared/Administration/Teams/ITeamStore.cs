using Tickets.Administration.Audit;

namespace Tickets.Administration.Teams;

/// <summary>
/// Teams, and each team's round-robin turn. Every change writes its audit entry in the same atomic write (SQLite: one
/// transaction; Cosmos: one batch in the configuration partition).
/// </summary>
public interface ITeamStore
{
    /// <summary>Every team, by name.</summary>
    Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default);

    Task<Team?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes a new team (its id is new) and <paramref name="audit"/>; returns it with its first ETag.</summary>
    Task<Team> CreateAsync(Team team, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Replaces the team if it still has <paramref name="expectedETag"/>, with <paramref name="audit"/>; null, writing nothing, if it changed or is gone.</summary>
    Task<Team?> SaveAsync(Team team, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Removes the team if it still has <paramref name="expectedETag"/>, with <paramref name="audit"/>; false, writing nothing, if it changed or is gone.</summary>
    Task<bool> DeleteAsync(string id, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The team's next round-robin turn (1, 2, 3, …): an atomic increment of a stored counter, fair across instances.</summary>
    Task<long> NextTurnAsync(string teamId, CancellationToken cancellationToken = default);
}
