using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Identity;

namespace Tickets.Users;

/// <summary>What admins do with accounts: list, create staff, change role and status, edit profiles.</summary>
public sealed class UserAdministration(
    IUserStore users, UserAccounts accounts, PasswordResets resets, SignedCursors cursors, CurrentUser caller, TimeProvider time)
{
    public async Task<Result<Page<UserView>>> ListAsync(
        string? role, string? active, string? department, string? search, string? limit, string? cursor, string? includeTotal,
        CancellationToken cancellationToken)
    {
        var v = new Validator();
        var roles = new List<Role>();
        foreach (var item in (role ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Json.TryParseEnum<Role>(item, out var parsed)) roles.Add(parsed);
            else v.Add("role", FieldCodes.NotAllowed, $"Unknown role '{item}': use user, technician or admin.");
        }

        bool? isActive = null;
        if (!string.IsNullOrEmpty(active))
        {
            if (bool.TryParse(active, out var flag)) isActive = flag;
            else v.Add("active", FieldCodes.NotBoolean, "Must be true or false.");
        }

        var filters = new UserQuery(roles, isActive, NullIfEmpty(department), NullIfEmpty(search), PageRequest.Parse(v, limit, cursor, includeTotal));
        var list = SignedCursors.Filtered(List, roles.Distinct().Order(), isActive, filters.Department, filters.Search);
        var page = cursors.Open(v, list, filters.Page);
        if (page.Cursor is not null && !v.Has("cursor") && !(Cursor.TryDecode(page.Cursor, 2, out var key) && key.All(part => part is not null)))
            v.Add("cursor", FieldCodes.InvalidCursor, "Is not a cursor from this list.");
        v.Text("department", department, 0, 100, required: false);
        v.Text("q", search, 0, 200, required: false);
        if (v.ToError() is { } invalid) return invalid;

        var found = await users.ListAsync(filters with { Page = page }, cancellationToken);
        return cursors.Sign(list, found).Map(u => u.ToView());
    }

    /// <summary>The cursor of the user list is only for admins, who all see the same list (under the same filters).</summary>
    private const string List = "users";

    public async Task<Result<User>> GetAsync(string id, CancellationToken cancellationToken) =>
        Ids.IsWellFormed(id) && await users.FindByIdAsync(id, cancellationToken) is { } user ? user : Error.NotFound("user");

    /// <summary>
    /// Creates the account; without a password, e-mails the person a link to choose one (an invitation). Audited as
    /// <c>user.invited</c> or <c>user.created</c>, in the account's own write.
    /// </summary>
    public async Task<Result<User>> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;
        var actor = UserAudit.ActorOf(caller.User);
        var created = await accounts.CreateAsync(request, request.Role!.Value,
            user => UserAudit.Creation(actor, user, request.IsInvitation, user.CreatedAt), cancellationToken);
        if (created.IsSuccess && request.IsInvitation) await resets.InviteAsync(created.Value, cancellationToken);
        return created;
    }

    public Task<Result<User>> UpdateAsync(string id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return Task.FromResult<Result<User>>(invalid);
        if (!Ids.IsWellFormed(id)) return Task.FromResult<Result<User>>(Error.NotFound("user"));
        var now = time.GetUtcNow();
        var actor = UserAudit.ActorOf(caller.User);
        // Each change of role, active state and profile is its own entry, made from the version the write replaces.
        return accounts.UpdateAsync(id, user => request.Profile.ApplyTo(user, now) with
        {
            Role = request.Role ?? user.Role,
            Active = request.Active ?? user.Active,
        }, (before, after) => UserAudit.Changes(actor, before, after, now), cancellationToken);
    }

    /// <summary>
    /// Sends a fresh invitation to an account still waiting for its owner to choose a password: the account gets a new
    /// security stamp, which ends every earlier link (the new link replaces them as well), and the entry
    /// <c>user.invitation_resent</c> is written with that change. An account that is not waiting, or is deactivated
    /// (its link would not work), is a 409 <c>invitation_not_pending</c>.
    /// </summary>
    public async Task<Result<User>> ResendInvitationAsync(string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(id)) return Error.NotFound("user");
        var now = time.GetUtcNow();
        var actor = UserAudit.ActorOf(caller.User);
        var renewed = await accounts.UpdateAsync(id, user => user is { InvitationPending: true, Active: true }
            ? (Result<User>)(user.WithNewSecurityStamp() with { UpdatedAt = now })
            : NotPending(user),
            (_, after) => [UserAudit.Reinvitation(actor, after, now)], cancellationToken);
        if (renewed.IsSuccess) await resets.InviteAsync(renewed.Value, cancellationToken);
        return renewed;
    }

    private static Error NotPending(User user) => Error.Conflict("invitation_not_pending", user.InvitationPending
        ? "The account is deactivated: activate it before sending its invitation again."
        : "The account has a password already: there is no invitation to send again.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
