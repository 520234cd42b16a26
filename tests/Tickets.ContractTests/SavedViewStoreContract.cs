using Tickets.SavedViews;

namespace Tickets.ContractTests;

/// <summary>
/// Saved views: a person lists the shared views and their own, by name; another person's personal views stay out; a
/// personal view past the limit is refused and nothing is written; a view is renamed and deleted by id.
/// </summary>
public abstract class SavedViewStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ISavedViewStore Views => Get<ISavedViewStore>();

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static SavedView View(string ownerId, string name, bool shared = false, string query = "status=on_hold&q=vpn") =>
        new(NewId(), name, query, shared, ownerId);

    [StoreFact]
    public async Task AnAddedViewIsFoundById()
    {
        var view = View(NewId(), "VPN en espera");

        Assert.True(await Views.AddAsync(view, personalLimit: 50));

        Assert.Equal(view, await Views.FindAsync(view.Id));
    }

    [StoreFact]
    public async Task APersonSeesTheSharedViewsAndTheirOwnByNameButNotAnothersPersonalOnes()
    {
        var (me, other) = (NewId(), NewId());
        var mine = View(me, "zona norte");
        var shared = View(other, "Ábaco compartido", shared: true);
        var othersOwn = View(other, "Bandeja de otra persona");
        var alsoMine = View(me, "Mis urgentes");
        foreach (var view in new[] { mine, shared, othersOwn, alsoMine }) Assert.True(await Views.AddAsync(view, 50));

        var visible = await Views.ListVisibleAsync(me);

        Assert.Equal([shared.Id, alsoMine.Id, mine.Id], visible.Select(v => v.Id));
    }

    [StoreFact]
    public async Task APersonalViewPastTheLimitIsRefusedAndNotWritten()
    {
        var owner = NewId();
        Assert.True(await Views.AddAsync(View(owner, "uno"), personalLimit: 2));
        Assert.True(await Views.AddAsync(View(owner, "dos"), personalLimit: 2));
        var third = View(owner, "tres");

        Assert.False(await Views.AddAsync(third, personalLimit: 2));

        Assert.Null(await Views.FindAsync(third.Id));
    }

    [StoreFact]
    public async Task SharedViewsDoNotCountTowardsThePersonalLimit()
    {
        var owner = NewId();
        Assert.True(await Views.AddAsync(View(owner, "mía"), personalLimit: 1));

        Assert.True(await Views.AddAsync(View(owner, "de todos", shared: true), personalLimit: 1));
    }

    [StoreFact]
    public async Task AReplacedViewHasItsNewNameAndQuery()
    {
        var view = View(NewId(), "VPN");
        await Views.AddAsync(view, 50);
        var renamed = view with { Name = "VPN abiertas", Query = "status=open&q=vpn" };

        Assert.True(await Views.ReplaceAsync(renamed));

        Assert.Equal(renamed, await Views.FindAsync(view.Id));
        Assert.Equal("VPN abiertas", Assert.Single(await Views.ListVisibleAsync(view.OwnerId)).Name);
    }

    [StoreFact]
    public async Task ReplacingAGoneViewChangesNothing() =>
        Assert.False(await Views.ReplaceAsync(View(NewId(), "nunca guardada")));

    [StoreFact]
    public async Task ADeletedViewIsGoneOnce()
    {
        var view = View(NewId(), "temporal");
        await Views.AddAsync(view, 50);

        Assert.True(await Views.DeleteAsync(view.Id));

        Assert.Null(await Views.FindAsync(view.Id));
        Assert.False(await Views.DeleteAsync(view.Id));
    }
}
