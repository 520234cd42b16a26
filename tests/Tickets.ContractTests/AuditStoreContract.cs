using System.Text.Json;
using Tickets.Administration.Audit;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>
/// The admin audit log: entries appended by the management writes themselves (here a user's, the one every store has),
/// listed newest first under filters and keyset paging. Retention is each adapter's own (see the SQLite and Cosmos cases).
/// </summary>
public abstract class AuditStoreContract(IStoreUnderTest store) : AuditScenes(store)
{
    [StoreFact]
    public async Task AnAdminsChangesOfAUserAreInTheLogNewestFirstWithActorBeforeAndAfter()
    {
        var user = await CreateAuditedAsync(NewUser(Role.Technician));
        Time.Advance(TimeSpan.FromMinutes(1));
        await ChangeAuditedAsync(user, u => u with { Role = Role.Admin, Active = false, Department = "Compras" });

        var page = await Audit.ListAsync(Everything());

        // One change, three entries at one instant (their order among themselves is the id's), after the invitation.
        Assert.Equal([UserAudit.Deactivated, UserAudit.ProfileChanged, UserAudit.RoleChanged],
            page.Items.Take(3).Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.Equal(UserAudit.Invited, page.Items[3].Action);
        Assert.Equal(4, page.Items.Count);
        var role = page.Items.Single(e => e.Action == UserAudit.RoleChanged);
        Assert.Equal(Admin, role.Actor);
        Assert.Equal(new AuditTarget("user", user.Id, user.FullName), role.Target);
        Assert.Equal("technician", role.Before!.Value.GetProperty("role").GetString());
        Assert.Equal("admin", role.After!.Value.GetProperty("role").GetString());
        Assert.Equal(Time.GetUtcNow(), role.At);
        var profile = page.Items.Single(e => e.Action == UserAudit.ProfileChanged);
        Assert.Equal("Ventas", profile.Before!.Value.GetProperty("department").GetString());
        Assert.Equal("Compras", profile.After!.Value.GetProperty("department").GetString());
        var created = page.Items[^1];
        Assert.Null(created.Before);
        Assert.Equal(user.Email, created.After!.Value.GetProperty("email").GetString());
    }

    [StoreFact]
    public async Task NoEntryHoldsThePasswordHash()
    {
        var user = await CreateAuditedAsync(NewUser() with { PasswordHash = "secret-hash-value" });
        await ChangeAuditedAsync(user, u => u with { Role = Role.Technician, PasswordHash = "other-secret-hash" });

        var page = await Audit.ListAsync(Everything());

        Assert.DoesNotContain(page.Items, e => JsonSerializer.Serialize(e, Json.Options).Contains("hash", StringComparison.OrdinalIgnoreCase));
    }

    [StoreFact]
    public async Task ARefusedWriteAppendsNoEntry()
    {
        var user = await CreateAuditedAsync(NewUser());
        // Entries of one instant have no order between them (their ids are random within a millisecond).
        Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAuditedAsync(user, u => u with { Department = "Compras" });

        // Based on the version before that change: refused, and so is its entry.
        var stale = user with { Role = Role.Technician };
        Assert.Equal(UserWrite.VersionConflict, await Users.UpdateAsync(stale, UserAudit.Changes(Admin, user, stale, Time.GetUtcNow())));
        var duplicate = NewUser() with { Email = user.Email };
        Assert.Equal(UserWrite.DuplicateEmail, await Users.CreateAsync(duplicate, UserAudit.Creation(Admin, duplicate, false, Time.GetUtcNow())));

        var page = await Audit.ListAsync(Everything());

        Assert.Equal([UserAudit.ProfileChanged, UserAudit.Invited], page.Items.Select(e => e.Action));
    }

    [StoreFact]
    public async Task WritesWithoutEntriesAddNothingToTheLog()
    {
        var user = NewUser();
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(user));
        var stored = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { LastLoginAt = Time.GetUtcNow() }));

        Assert.Empty((await Audit.ListAsync(Everything())).Items);
    }

    [StoreFact]
    public async Task TheLogFiltersByActorActionTargetAndTime()
    {
        var other = new AuditActor("admin-2", "Otro Admin");
        var first = await CreateAuditedAsync(NewUser());
        Time.Advance(TimeSpan.FromHours(1));
        var second = await CreateAuditedAsync(NewUser(), other);
        Time.Advance(TimeSpan.FromHours(1));
        var changedAt = Time.GetUtcNow();
        await ChangeAuditedAsync(first, u => u with { Role = Role.Technician }, other);

        async Task<IEnumerable<string>> Ids(AuditQuery query) =>
            (await Audit.ListAsync(query)).Items.Select(e => $"{e.Action} {e.Target.Id}");

        Assert.Equal([$"user.invited {second.Id}", $"user.role_changed {first.Id}"],
            (await Ids(Everything() with { ActorId = other.Id })).Order(StringComparer.Ordinal));
        Assert.Equal([$"user.role_changed {first.Id}"], await Ids(Everything() with { Actions = [UserAudit.RoleChanged] }));
        Assert.Equal(2, (await Ids(Everything() with { Actions = [UserAudit.RoleChanged, UserAudit.Invited], ActorId = other.Id })).Count());
        Assert.Equal([$"user.role_changed {first.Id}", $"user.invited {first.Id}"], await Ids(Everything() with { TargetId = first.Id }));
        Assert.Equal(3, (await Ids(Everything() with { TargetTypes = ["user"] })).Count());
        Assert.Empty(await Ids(Everything() with { TargetTypes = ["team", "category"] }));
        Assert.Equal([$"user.role_changed {first.Id}"], await Ids(Everything() with { From = changedAt }));
        Assert.Equal([$"user.invited {second.Id}", $"user.invited {first.Id}"], await Ids(Everything() with { To = changedAt.AddTicks(-1) }));
        Assert.Equal([$"user.invited {second.Id}"], await Ids(Everything() with { From = changedAt.AddHours(-1), To = changedAt.AddTicks(-1) }));
    }

    [StoreFact]
    public async Task PagesWalkTheWholeLogNewestFirstWithoutGapsOrRepeats()
    {
        // Several entries share an instant (one change, three entries): the id breaks the tie.
        var user = await CreateAuditedAsync(NewUser());
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            user = await ChangeAuditedAsync(user, u => u with
            {
                Role = u.Role == Role.User ? Role.Technician : Role.User,
                Active = !u.Active,
                Department = "Dep " + i,
            });
        }

        var all = (await Audit.ListAsync(Everything())).Items;
        var walked = new List<AuditEntry>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Audit.ListAsync(Everything(limit: 4, cursor));
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(10, all.Count);
        Assert.Equal(all.Select(e => e.Id), walked.Select(e => e.Id));
        Assert.Equal(3, pages);
        Assert.Equal(all.OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal).Select(e => e.Id), all.Select(e => e.Id));
    }
}

/// <summary>What the audit cases share: the stores, a user builder, and user writes made as an admin makes them.</summary>
public abstract class AuditScenes(IStoreUnderTest store) : StoreContract(store)
{
    protected IUserStore Users => Get<IUserStore>();

    protected IAuditStore Audit => Get<IAuditStore>();

    protected static readonly AuditActor Admin = new("admin-1", "Ana Admin");

    private int _sequence;

    protected User NewUser(Role role = Role.User)
    {
        var n = Interlocked.Increment(ref _sequence);
        var now = Time.GetUtcNow();
        return new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = $"audited{n}-{Guid.NewGuid():N}@example.org",
            Dni = (20000000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(100, 999),
            Phone = "+34 600 000 000",
            FirstNames = "Persona",
            LastNames = $"Auditada{n:D3}",
            Department = "Ventas",
            Role = role,
            Active = true,
            PasswordHash = "hash",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    protected static AuditQuery Everything(int limit = 100, string? cursor = null) =>
        new(null, [], [], null, null, null, new PageRequest(limit, cursor, false));

    /// <summary>Creates <paramref name="user"/> with its creation entry by <paramref name="actor"/> at the current time.</summary>
    protected async Task<User> CreateAuditedAsync(User user, AuditActor? actor = null)
    {
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(user, UserAudit.Creation(actor ?? Admin, user, invitation: true, Time.GetUtcNow())));
        return (await Users.FindByIdAsync(user.Id))!;
    }

    /// <summary>Writes <paramref name="change"/> of <paramref name="user"/> with the entries an admin's change makes.</summary>
    protected async Task<User> ChangeAuditedAsync(User user, Func<User, User> change, AuditActor? actor = null)
    {
        var next = change(user);
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(next, UserAudit.Changes(actor ?? Admin, user, next, Time.GetUtcNow())));
        return (await Users.FindByIdAsync(user.Id))!;
    }
}
