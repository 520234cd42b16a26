using Tickets.Macros;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Macros: a person lists their own and the shared ones by name; every change is conditional on the ETag read.</summary>
public abstract class MacroStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private IMacroStore Macros => Get<IMacroStore>();

    private Macro New(string name, string owner = "tech-1", bool shared = false) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Name = name,
        Body = "Hola {{requester.firstNames}}, reinicia el router.",
        Internal = false,
        SetStatus = TicketStatus.Resolved,
        SetPriority = Priority.High,
        Shared = shared,
        OwnerId = owner,
        CreatedAt = Time.GetUtcNow(),
        UpdatedAt = Time.GetUtcNow(),
    };

    [StoreFact]
    public async Task ACreatedMacroIsFoundByItsIdWithAnETag()
    {
        var macro = New("VPN caída");

        var created = await Macros.CreateAsync(macro);
        var found = await Macros.FindAsync(macro.Id);

        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal(created, found);
        Assert.Equal(macro, found! with { ETag = "" });
        Assert.Null(await Macros.FindAsync(Guid.NewGuid().ToString("N")));
    }

    [StoreFact]
    public async Task TheListHoldsTheOwnersPersonalMacrosAndTheSharedOnesByFoldedName()
    {
        await Macros.CreateAsync(New("zona wifi", owner: "tech-1"));
        await Macros.CreateAsync(New("Ágil respuesta", owner: "admin-1", shared: true));
        await Macros.CreateAsync(New("Bienvenida", owner: "tech-1"));
        await Macros.CreateAsync(New("Ajena", owner: "tech-2"));

        var listed = await Macros.ListVisibleAsync("tech-1");

        Assert.Equal(["Ágil respuesta", "Bienvenida", "zona wifi"], listed.Select(m => m.Name));
        Assert.All(listed, m => Assert.False(string.IsNullOrEmpty(m.ETag)));
        Assert.Equal(["Ágil respuesta", "Ajena"], (await Macros.ListVisibleAsync("tech-2")).Select(m => m.Name));
    }

    [StoreFact]
    public async Task ASaveUnderTheETagReadReplacesItAndAStaleOneWritesNothing()
    {
        var created = await Macros.CreateAsync(New("Reinicio"));

        var saved = await Macros.SaveAsync(created with { Name = "Reinicio del equipo", Shared = true, SetStatus = null }, created.ETag);
        var stale = await Macros.SaveAsync(created with { Name = "Perdido" }, created.ETag);

        Assert.NotNull(saved);
        Assert.NotEqual(created.ETag, saved.ETag);
        Assert.Null(stale);
        Assert.Equal(saved, await Macros.FindAsync(created.Id));
        Assert.Equal(["Reinicio del equipo"], (await Macros.ListVisibleAsync("someone-else")).Select(m => m.Name));
    }

    [StoreFact]
    public async Task ADeleteUnderAStaleETagKeepsItAndUnderTheCurrentOneRemovesIt()
    {
        var created = await Macros.CreateAsync(New("Borrar"));
        var saved = await Macros.SaveAsync(created with { Body = "Otro texto." }, created.ETag);

        Assert.False(await Macros.DeleteAsync(created.Id, created.ETag));
        Assert.NotNull(await Macros.FindAsync(created.Id));
        Assert.True(await Macros.DeleteAsync(created.Id, saved!.ETag));
        Assert.Null(await Macros.FindAsync(created.Id));
        Assert.False(await Macros.DeleteAsync(created.Id, saved.ETag));
    }
}
