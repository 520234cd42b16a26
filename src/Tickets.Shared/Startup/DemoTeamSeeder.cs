using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Startup;

/// <summary>
/// The demo help desk's team: "Soporte de campo" (the demo technician and admin, assigned by hand so the demo tickets keep
/// the story they tell), with the hardware and network categories routed to it. Written through the stores like an
/// admin's change, audited as the demo admin's. Runs after the demo accounts, only while the store has no team.
/// </summary>
public sealed class DemoTeamSeeder(ITeamStore teams, ICategoryStore categories, TeamDirectories directories, CategoryCatalogs catalogs, IUserStore users, TimeProvider time)
    : IDemoDataSeeder
{
    public const string TeamName = "Soporte de campo";

    private static readonly string[] RoutedCategories = ["hardware", "network"];

    public int Order => 5;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await teams.ListAsync(cancellationToken)).Count > 0) return;
        var tech = await users.FindByEmailAsync(DemoAccounts.Technician.Email!, cancellationToken);
        var admin = await users.FindByEmailAsync(DemoAccounts.Admin.Email!, cancellationToken);
        if (tech is null || admin is null) return;

        var actor = new AuditActor(admin.Id, admin.FullName);
        var now = time.GetUtcNow();
        var team = new Team
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Name = TeamName,
            Description = "Puestos de trabajo, impresoras y red de las oficinas.",
            Assignment = AssignmentMode.Manual,
            MemberIds = [tech.Id, admin.Id],
            Active = true,
        };
        team = await teams.CreateAsync(team, AuditEntry.Of(actor, "team.created", new AuditTarget("team", team.Id, team.Name), null, team.AuditFields(), now), cancellationToken);

        foreach (var id in RoutedCategories)
        {
            if (await categories.FindAsync(id, cancellationToken) is not { TeamId: null } category) continue;
            var routed = category with { TeamId = team.Id };
            await categories.SaveAsync(routed, category.ETag,
                AuditEntry.Of(actor, "category.changed", new AuditTarget("category", category.Id, category.Name), category.AuditFields(), routed.AuditFields(), now),
                cancellationToken);
        }

        directories.Invalidate();
        catalogs.Invalidate();
    }
}
