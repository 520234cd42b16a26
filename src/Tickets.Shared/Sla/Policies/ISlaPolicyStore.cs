using Tickets.Administration.Audit;

namespace Tickets.Sla.Policies;

/// <summary>
/// SLA policies (a head per policy, its newest version, and every version kept) and business calendars. Every write
/// carries its audit entries, written in the same atomic write.
/// </summary>
public interface ISlaPolicyStore
{
    Task<IReadOnlyList<StoredSlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken);

    Task<StoredSlaPolicy?> FindPolicyAsync(string id, CancellationToken cancellationToken);

    /// <summary>One version of a policy (versions are never changed: cache them).</summary>
    Task<SlaPolicyVersion?> FindVersionAsync(string id, int version, CancellationToken cancellationToken);

    /// <summary>Stores a new policy at its first version; false (nothing stored) when the id is taken. As default, the previous default stops being it.</summary>
    Task<bool> CreatePolicyAsync(SlaPolicyVersion first, bool isDefault, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="next"/> as the policy's newest version (the older ones are kept); null, with nothing stored, when
    /// the policy changed since <paramref name="expectedETag"/> or the version exists.
    /// </summary>
    Task<StoredSlaPolicy?> SavePolicyAsync(SlaPolicyVersion next, bool isDefault, string expectedETag, AuditEntry audit, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredCalendar>> ListCalendarsAsync(CancellationToken cancellationToken);

    Task<StoredCalendar?> FindCalendarAsync(string id, CancellationToken cancellationToken);

    /// <summary>False (nothing stored) when the id is taken.</summary>
    Task<bool> CreateCalendarAsync(CalendarDefinition calendar, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the calendar and, in the same write, stores each policy revision (the next version of a policy on this
    /// calendar, with the calendar's new copy) and every audit entry. Null, with nothing stored, when the calendar or one
    /// of the policies changed since its tag.
    /// </summary>
    Task<StoredCalendar?> SaveCalendarAsync(
        CalendarDefinition calendar, DateTimeOffset at, string expectedETag, IReadOnlyList<PolicyRevision> revisions, IReadOnlyList<AuditEntry> audit,
        CancellationToken cancellationToken);

    /// <summary>An audit entry that records a request rather than a stored change (<c>slaPolicy.applied</c>).</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);
}

/// <summary>The next version of a policy, stored only if the policy is still at <see cref="ExpectedETag"/>.</summary>
public sealed record PolicyRevision(SlaPolicyVersion Next, bool IsDefault, string ExpectedETag);
