using Microsoft.Extensions.Options;
using Tickets.Administration.Audit;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>What every team store must do: writes guarded by ETag, each with its audit entry; a turn per team that never repeats.</summary>
public abstract class TeamStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ITeamStore Teams => Get<ITeamStore>();

    private static readonly AuditActor Admin = new("admin-1", "Ana Admin");

    private AuditEntry Audit(string action, Team team) =>
        AuditEntry.Of(Admin, action, new AuditTarget("team", team.Id, team.Name), null, team.AuditFields(), Time.GetUtcNow());

    private static Team NewTeam(string name = "Redes") => new()
    {
        Id = Guid.CreateVersion7().ToString("N"), Name = name, Description = "Red y wifi", Assignment = AssignmentMode.RoundRobin,
        MemberIds = ["tech-2", "tech-1"], Active = true,
    };

    [StoreFact]
    public async Task ACreatedTeamIsFoundAndListedWithItsETag()
    {
        var created = await Teams.CreateAsync(NewTeam(), Audit("team.created", NewTeam()));

        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equivalent(created, await Teams.FindAsync(created.Id), strict: true);
        Assert.Equivalent(new[] { created }, await Teams.ListAsync(), strict: true);
        Assert.Equal(["tech-2", "tech-1"], (await Teams.FindAsync(created.Id))!.MemberIds);
    }

    [StoreFact]
    public async Task TeamsAreListedByName()
    {
        var zeta = await Teams.CreateAsync(NewTeam("Zeta"), Audit("team.created", NewTeam("Zeta")));
        var alfa = await Teams.CreateAsync(NewTeam("alfa"), Audit("team.created", NewTeam("alfa")));

        Assert.Equal([alfa.Id, zeta.Id], (await Teams.ListAsync()).Select(t => t.Id));
    }

    [StoreFact]
    public async Task ASaveWithAStaleETagWritesNothing()
    {
        var created = await Teams.CreateAsync(NewTeam(), Audit("team.created", NewTeam()));
        var saved = await Teams.SaveAsync(created with { Name = "Redes y wifi" }, created.ETag, Audit("team.changed", created));

        var stale = await Teams.SaveAsync(created with { Name = "Otro nombre" }, created.ETag, Audit("team.changed", created));

        Assert.NotNull(saved);
        Assert.NotEqual(created.ETag, saved.ETag);
        Assert.Null(stale);
        Assert.Equal("Redes y wifi", (await Teams.FindAsync(created.Id))!.Name);
    }

    [StoreFact]
    public async Task ADeleteNeedsTheCurrentETag()
    {
        var created = await Teams.CreateAsync(NewTeam(), Audit("team.created", NewTeam()));
        var saved = (await Teams.SaveAsync(created with { Active = false }, created.ETag, Audit("team.changed", created)))!;

        Assert.False(await Teams.DeleteAsync(created.Id, created.ETag, Audit("team.deleted", created)));
        Assert.True(await Teams.DeleteAsync(created.Id, saved.ETag, Audit("team.deleted", created)));
        Assert.Null(await Teams.FindAsync(created.Id));
        Assert.False(await Teams.DeleteAsync(created.Id, saved.ETag, Audit("team.deleted", created)));
    }

    [StoreFact]
    public async Task EachTeamHasItsOwnTurnAndConcurrentTurnsNeverRepeat()
    {
        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Teams.NextTurnAsync("team-a"))));
        var other = await Teams.NextTurnAsync("team-b");

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), turns.Order());
        Assert.Equal(1, other);
    }
}

/// <summary>What every category store must do: ids are unique, lists keep their order, the seed happens once.</summary>
public abstract class CategoryStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ICategoryStore Categories => Get<ICategoryStore>();

    private AuditEntry Audit(string action, Category category) =>
        AuditEntry.Of(new AuditActor("admin-1", "Ana Admin"), action, new AuditTarget("category", category.Id, category.Name), null, category, Time.GetUtcNow());

    private static Category Printers(int order = 10) => new()
    {
        Id = "impresoras", Name = "Impresoras", NameEn = "Printers", Description = "Tóner, atascos", TeamId = "team-1", SlaPolicyId = "vip",
        Active = true, Order = order,
    };

    [StoreFact]
    public async Task ACreatedCategoryIsFoundWithEveryField()
    {
        var created = await Categories.CreateAsync(Printers(), Audit("category.created", Printers()));

        Assert.NotNull(created);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal(created, await Categories.FindAsync("impresoras"));
    }

    [StoreFact]
    public async Task ATakenIdIsRefusedAndWritesNothing()
    {
        await Categories.CreateAsync(Printers(), Audit("category.created", Printers()));

        var again = await Categories.CreateAsync(Printers() with { Name = "Otra" }, Audit("category.created", Printers()));

        Assert.Null(again);
        Assert.Equal("Impresoras", (await Categories.FindAsync("impresoras"))!.Name);
    }

    [StoreFact]
    public async Task CategoriesAreListedInTheirOrderThenById()
    {
        await Categories.SeedAsync(CategoryCatalog.Defaults);
        await Categories.CreateAsync(Printers(order: 25), Audit("category.created", Printers()));

        Assert.Equal(["hardware", "software", "impresoras", "network", "access", "other"], (await Categories.ListAsync()).Select(c => c.Id));
    }

    [StoreFact]
    public async Task ASaveWithAStaleETagWritesNothing()
    {
        var created = (await Categories.CreateAsync(Printers(), Audit("category.created", Printers())))!;
        var saved = await Categories.SaveAsync(created with { Active = false, Order = 5 }, created.ETag, Audit("category.changed", created));

        var stale = await Categories.SaveAsync(created with { Name = "Otra" }, created.ETag, Audit("category.changed", created));

        Assert.NotNull(saved);
        Assert.Null(stale);
        Assert.Equal((false, 5, "Impresoras"), ((await Categories.FindAsync("impresoras"))!.Active, saved.Order, saved.Name));
    }

    [StoreFact]
    public async Task TheSeedHappensOnceEvenWhenTwoInstancesStartAtOnce()
    {
        var seeded = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Categories.SeedAsync(CategoryCatalog.Defaults))));
        var later = await Categories.SeedAsync([Printers()]);

        Assert.Equal(1, seeded.Count(s => s));
        Assert.False(later);
        Assert.Equal(CategoryCatalog.Defaults.Select(c => c.Id), (await Categories.ListAsync()).Select(c => c.Id));
    }
}

/// <summary>The team on tickets: stored, filtered on, and counted as open work.</summary>
public abstract class TicketTeamStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ITicketStore Tickets => Get<ITicketStore>();

    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Technician = new("tech-1", "Tomás Técnico", Role.Technician, "Soporte");

    private async Task<Ticket> NewTicketAsync(TicketTeam? team)
    {
        var change = Ticket.Create(Guid.NewGuid().ToString("N"), await Tickets.NextNumberAsync(), new CreateTicketRequest("La red no va", "Sin conexión."),
            Requester, Rules, Time.GetUtcNow(), team: team).Value;
        return (await Tickets.CreateAsync(change))!;
    }

    private Task<Page<Ticket>> ListAsync(IReadOnlyList<string>? teamIds) =>
        Tickets.ListAsync(new TicketQuery { TeamIds = teamIds, Page = new PageRequest(10, null, true) });

    [StoreFact]
    public async Task TheTeamFilterMatchesTheTicketsInAnyOfItsTeams()
    {
        var network = await NewTicketAsync(new TicketTeam("team-net", "Redes"));
        var hardware = await NewTicketAsync(new TicketTeam("team-hw", "Hardware"));
        var none = await NewTicketAsync(null);

        Assert.Equal(new TicketTeam("team-net", "Redes"), (await Tickets.FindAsync(network.Id))!.Team);
        Assert.Equal([network.Id], (await ListAsync(["team-net"])).Items.Select(t => t.Id));
        Assert.Equal(new[] { hardware.Id, network.Id }.Order(), (await ListAsync(["team-net", "team-hw"])).Items.Select(t => t.Id).Order());
        Assert.Equal(3, (await ListAsync(null)).Total);
        Assert.Equal(0, (await ListAsync([])).Total);
        Assert.Contains(none.Id, (await ListAsync(null)).Items.Select(t => t.Id));
    }

    [StoreFact]
    public async Task AMoveToAnotherTeamIsSavedAndFilteredOnAtOnce()
    {
        var ticket = await NewTicketAsync(new TicketTeam("team-net", "Redes"));
        var moved = ticket.MoveToTeam(Technician, new TicketTeam("team-hw", "Hardware"), Time.GetUtcNow()).Value;

        Assert.NotNull(await Tickets.SaveAsync(moved, ticket.ETag));

        Assert.Empty((await ListAsync(["team-net"])).Items);
        Assert.Equal([ticket.Id], (await ListAsync(["team-hw"])).Items.Select(t => t.Id));
    }

    [StoreFact]
    public async Task OnlyOpenWorkKeepsATeamBusy()
    {
        Assert.False(await Tickets.AnyOpenInTeamAsync("team-net"));
        var ticket = await NewTicketAsync(new TicketTeam("team-net", "Redes"));
        Assert.True(await Tickets.AnyOpenInTeamAsync("team-net"));

        var admin = new Actor("admin-1", "Ana Admin", Role.Admin, "Sistemas");
        var closed = ticket.ChangeStatus(admin, TicketStatus.Closed, null, Rules, Time.GetUtcNow()).Value;
        await Tickets.SaveAsync(closed, ticket.ETag);

        Assert.False(await Tickets.AnyOpenInTeamAsync("team-net"));
    }
}
