using Tickets.Administration.Audit;

namespace Tickets.Users;

/// <summary>
/// The audit entries of an admin's changes to accounts (the user-management routes; self-service edits through <c>/me</c>
/// and sign-ups are not management changes and are not audited). One entry per kind of change, so the log filters by
/// action: a PATCH that changes role, active state and profile writes three. Before and after hold only the management
/// fields the entry is about — never the password hash, security stamp or sessions.
/// </summary>
public static class UserAudit
{
    public const string Invited = "user.invited";
    public const string Created = "user.created";
    public const string RoleChanged = "user.role_changed";
    public const string Activated = "user.activated";
    public const string Deactivated = "user.deactivated";
    public const string ProfileChanged = "user.profile_changed";
    public const string InvitationResent = "user.invitation_resent";

    public static AuditActor ActorOf(User admin) => new(admin.Id, admin.FullName);

    public static AuditTarget TargetOf(User user) => new(AuditTargets.User, user.Id, user.FullName);

    /// <summary>The entry of an account an admin made: an invitation (no password given) or a creation with a password.</summary>
    public static AuditEntry Creation(AuditActor actor, User created, bool invitation, DateTimeOffset at) =>
        AuditEntry.Of(actor, invitation ? Invited : Created, TargetOf(created), before: null, after: new
        {
            created.Email,
            created.FirstNames,
            created.LastNames,
            created.Department,
            created.Phone,
            created.Role,
            created.Active,
            created.Language,
        }, at);

    /// <summary>The entry of a fresh invitation link sent to an account still waiting for its password: where it went.</summary>
    public static AuditEntry Reinvitation(AuditActor actor, User invited, DateTimeOffset at) =>
        AuditEntry.Of(actor, InvitationResent, TargetOf(invited), before: null, after: new { invited.Email }, at);

    /// <summary>The entries of an admin's change from <paramref name="before"/> to <paramref name="after"/>; none when nothing managed changed.</summary>
    public static IReadOnlyList<AuditEntry> Changes(AuditActor actor, User before, User after, DateTimeOffset at)
    {
        var entries = new List<AuditEntry>(3);
        var target = TargetOf(after);
        if (before.Role != after.Role)
            entries.Add(AuditEntry.Of(actor, RoleChanged, target, new { before.Role }, new { after.Role }, at));
        if (before.Active != after.Active)
            entries.Add(AuditEntry.Of(actor, after.Active ? Activated : Deactivated, target, new { before.Active }, new { after.Active }, at));

        var was = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = new Dictionary<string, string>(StringComparer.Ordinal);
        Compare("firstNames", before.FirstNames, after.FirstNames);
        Compare("lastNames", before.LastNames, after.LastNames);
        Compare("department", before.Department, after.Department);
        Compare("phone", before.Phone, after.Phone);
        if (was.Count > 0) entries.Add(AuditEntry.Of(actor, ProfileChanged, target, was, now, at));
        return entries;

        void Compare(string field, string old, string current)
        {
            if (string.Equals(old, current, StringComparison.Ordinal)) return;
            was[field] = old;
            now[field] = current;
        }
    }
}
