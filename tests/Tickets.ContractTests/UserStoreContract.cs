using Tickets.Common;
using Tickets.Users;

namespace Tickets.ContractTests;

public abstract class UserStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private IUserStore Users => Get<IUserStore>();

    private int _sequence;

    private User NewUser(string? lastNames = null, Role role = Role.User, bool active = true, string? department = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var now = Time.GetUtcNow();
        return new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = $"person{n}-{Guid.NewGuid():N}@example.org",
            Dni = (10000000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(100, 999),
            Phone = "+34 600 000 000",
            FirstNames = "Persona",
            LastNames = lastNames ?? $"Apellido{n:D3}",
            Department = department ?? "Ventas",
            Role = role,
            Active = active,
            PasswordHash = "hash",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    [StoreFact]
    public async Task CreatedUserCanBeFoundByIdAndByEmail()
    {
        var user = NewUser();
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(user));

        var byId = await Users.FindByIdAsync(user.Id);
        var byEmail = await Users.FindByEmailAsync(user.Email);

        Assert.Equal(user with { Version = 1 }, byId);
        Assert.Equal(user.Id, byEmail?.Id);
    }

    [StoreFact]
    public async Task SecurityStampEndedSessionsAndSignInAddressesAreKeptAcrossWrites()
    {
        var user = NewUser() with { SecurityStamp = User.NewSecurityStamp() };
        await Users.CreateAsync(user);
        var until = Time.GetUtcNow().AddMinutes(15);
        var changed = (await Users.FindByIdAsync(user.Id))!.WithNewSecurityStamp().EndSession("session-1", until, Time.GetUtcNow()).SignedInFrom("address-1");

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(changed));
        var stored = await Users.FindByIdAsync(user.Id);

        Assert.NotEqual(user.SecurityStamp, stored!.SecurityStamp);
        Assert.Equal(changed.SecurityStamp, stored.SecurityStamp);
        Assert.Equal([new EndedSession("session-1", until)], stored.EndedSessions);
        Assert.Equal(["address-1"], stored.SignInAddresses);
    }

    [StoreFact]
    public async Task APendingInvitationIsKeptUntilAWriteClearsIt()
    {
        var invited = NewUser() with { InvitationPending = true };
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(invited));

        var stored = (await Users.FindByIdAsync(invited.Id))!;
        var listed = (await Users.ListAsync(new UserQuery([], null, null, invited.Email, new PageRequest(25, null, false)))).Items.Single();
        Assert.True(stored.InvitationPending);
        Assert.True(listed.InvitationPending);

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { InvitationPending = false, PasswordHash = "chosen" }));
        Assert.False((await Users.FindByIdAsync(invited.Id))!.InvitationPending);
    }

    [StoreFact]
    public async Task ReadingByIdAfterAnUpdateSeesTheUpdate()
    {
        var user = NewUser(role: Role.Technician);
        Assert.Equal(UserWrite.Done, await Users.CreateAsync(user));
        var read = (await Users.FindByIdAsync(user.Id))!;

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(read with { Active = false, Role = Role.User, SecurityStamp = "changed" }));

        var again = (await Users.FindByIdAsync(user.Id))!;
        Assert.False(again.Active);
        Assert.Equal(Role.User, again.Role);
        Assert.Equal("changed", again.SecurityStamp);
        Assert.Equal(read.Version + 1, again.Version);
    }

    [StoreFact]
    public async Task CreatedUserCanBeFoundByDni()
    {
        var user = NewUser();
        await Users.CreateAsync(user);

        Assert.Equal(user.Id, (await Users.FindByDniAsync(user.Dni))?.Id);
        Assert.Null(await Users.FindByDniAsync("00000000"));
    }

    [StoreFact]
    public async Task UnknownUserIsNotFound()
    {
        Assert.Null(await Users.FindByIdAsync("missing"));
        Assert.Null(await Users.FindByEmailAsync("missing@example.org"));
    }

    [StoreFact]
    public async Task SecondAccountWithSameEmailIsRefused()
    {
        var first = NewUser();
        await Users.CreateAsync(first);

        var outcome = await Users.CreateAsync(NewUser() with { Email = first.Email });

        Assert.Equal(UserWrite.DuplicateEmail, outcome);
    }

    [StoreFact]
    public async Task SecondAccountWithSameDniIsRefused()
    {
        var first = NewUser();
        await Users.CreateAsync(first);

        var outcome = await Users.CreateAsync(NewUser() with { Dni = first.Dni });

        Assert.Equal(UserWrite.DuplicateDni, outcome);
        Assert.Null(await Users.FindByEmailAsync(NewUser().Email));
    }

    [StoreFact]
    public async Task UpdateBasedOnStaleVersionIsRefusedAndChangesNothing()
    {
        var user = NewUser();
        await Users.CreateAsync(user);
        var stored = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { Department = "Compras" }));

        var stale = await Users.UpdateAsync(stored with { Department = "Legal" });

        Assert.Equal(UserWrite.VersionConflict, stale);
        var after = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal("Compras", after.Department);
        Assert.Equal(2, after.Version);
    }

    [StoreFact]
    public async Task UpdatingMissingUserReportsNotFound()
    {
        Assert.Equal(UserWrite.NotFound, await Users.UpdateAsync(NewUser() with { Version = 1 }));
    }

    [StoreFact]
    public async Task LastActiveAdminCannotBeDemotedOrDeactivated()
    {
        var admin = NewUser(role: Role.Admin);
        await Users.CreateAsync(admin);
        var stored = (await Users.FindByIdAsync(admin.Id))!;

        Assert.Equal(UserWrite.LastActiveAdmin, await Users.UpdateAsync(stored with { Role = Role.Technician }));
        Assert.Equal(UserWrite.LastActiveAdmin, await Users.UpdateAsync(stored with { Active = false }));
        Assert.True((await Users.FindByIdAsync(admin.Id))!.IsActiveAdmin);
    }

    [StoreFact]
    public async Task AdminCanBeDemotedWhileAnotherActiveAdminExists()
    {
        var first = NewUser(role: Role.Admin);
        var second = NewUser(role: Role.Admin);
        await Users.CreateAsync(first);
        await Users.CreateAsync(second);
        var stored = (await Users.FindByIdAsync(first.Id))!;

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { Role = Role.User }));
        Assert.True(await Users.AnyActiveAdminAsync());
    }

    [StoreFact]
    public async Task AnyActiveAdminIgnoresDeactivatedAdmins()
    {
        Assert.False(await Users.AnyActiveAdminAsync());
        await Users.CreateAsync(NewUser(role: Role.Admin, active: false));
        Assert.False(await Users.AnyActiveAdminAsync());
        await Users.CreateAsync(NewUser(role: Role.Admin));
        Assert.True(await Users.AnyActiveAdminAsync());
    }

    [StoreFact]
    public async Task ListPagesThroughEveryUserOnceInNameOrder()
    {
        var created = new List<User>();
        for (var i = 0; i < 23; i++)
        {
            var user = NewUser(lastNames: $"Zapata{(i * 7) % 23:D2}");
            created.Add(user);
            await Users.CreateAsync(user);
        }

        var seen = new List<User>();
        string? cursor = null;
        do
        {
            var page = await Users.ListAsync(new UserQuery([], null, null, null, new PageRequest(5, cursor, false)));
            Assert.True(page.Items.Count <= 5);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(created.Select(u => u.Id).Order(), seen.Select(u => u.Id).Order());
        Assert.Equal(created.OrderBy(u => u.LastNames, StringComparer.Ordinal).Select(u => u.Id), seen.Select(u => u.Id));
    }

    [StoreFact]
    public async Task ListFiltersByRoleActiveDepartmentAndAccentInsensitiveSearch()
    {
        var tech = NewUser(lastNames: "Muñoz", role: Role.Technician, department: "Soporte");
        var inactiveTech = NewUser(role: Role.Technician, active: false, department: "Soporte");
        var user = NewUser(lastNames: "Pérez", department: "Ventas");
        foreach (var u in new[] { tech, inactiveTech, user }) await Users.CreateAsync(u);

        var technicians = await Users.ListAsync(new UserQuery([Role.Technician], true, null, null, new PageRequest(25, null, true)));
        var support = await Users.ListAsync(new UserQuery([], null, "soporte", null, new PageRequest(25, null, true)));
        var search = await Users.ListAsync(new UserQuery([], null, null, "MUNOZ", new PageRequest(25, null, true)));

        Assert.Equal([tech.Id], technicians.Items.Select(u => u.Id));
        Assert.Equal(1, technicians.Total);
        Assert.Equal(2, support.Total);
        Assert.Equal([tech.Id], search.Items.Select(u => u.Id));
    }

    [StoreFact]
    public async Task ListActiveByRoleReturnsOnlyActiveAccountsOfThoseRoles()
    {
        var tech = NewUser(role: Role.Technician);
        var admin = NewUser(role: Role.Admin);
        var off = NewUser(role: Role.Technician, active: false);
        var user = NewUser();
        foreach (var u in new[] { tech, admin, off, user }) await Users.CreateAsync(u);

        var staff = await Users.ListActiveByRoleAsync([Role.Technician, Role.Admin]);

        Assert.Equal(new[] { tech.Id, admin.Id }.Order(), staff.Select(u => u.Id).Order());
    }

    [StoreFact]
    public async Task ATimeZoneIsKeptAndAbsentUntilChosen()
    {
        var user = NewUser();
        await Users.CreateAsync(user);
        Assert.Null((await Users.FindByIdAsync(user.Id))!.TimeZone);

        var stored = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(stored with { TimeZone = "America/New_York" }));

        Assert.Equal("America/New_York", (await Users.FindByIdAsync(user.Id))!.TimeZone);
    }

    [StoreFact]
    public async Task NotificationPreferencesAreKeptAndDefaultToInstantAtEightWithoutQuietHours()
    {
        var user = NewUser(role: Role.Technician);
        await Users.CreateAsync(user);
        var fresh = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal((NotificationMode.Instant, 8, (QuietHours?)null), (fresh.NotificationMode, fresh.DigestHour, fresh.QuietHours));

        var quiet = new QuietHours(new TimeOnly(22, 30), new TimeOnly(7, 0));
        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(fresh with { NotificationMode = NotificationMode.Digest, DigestHour = 17, QuietHours = quiet }));
        var chosen = (await Users.FindByIdAsync(user.Id))!;
        Assert.Equal((NotificationMode.Digest, 17, quiet), (chosen.NotificationMode, chosen.DigestHour, chosen.QuietHours));

        Assert.Equal(UserWrite.Done, await Users.UpdateAsync(chosen with { QuietHours = null }));
        Assert.Null((await Users.FindByIdAsync(user.Id))!.QuietHours);
    }
}
