using Tickets.Common;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>Links and merges: kept with each ticket; a merge's copied comments written with the target's change, once.</summary>
public abstract partial class TicketStoreContract
{
    [StoreFact]
    public async Task LinksAndAMergeRoundTripWithTheTicket()
    {
        var source = await NewTicketAsync("Sin correo");
        var target = await NewTicketAsync("Caída del correo");

        var linked = (await Tickets.SaveAsync(source.Link(Technician, target, TicketLinkType.Related, Time.GetUtcNow()).Value, source.ETag))!;
        var merged = (await Tickets.SaveAsync(linked.MergeInto(Technician, target, Rules, Time.GetUtcNow()).Value, linked.ETag))!;

        var found = await Tickets.FindAsync(source.Id);
        Assert.Equal(merged, found);
        Assert.Equal(new TicketReference(target.Id, target.DisplayNumber), found!.MergedInto);
        Assert.Equal([new TicketLink(target.Id, target.DisplayNumber, "Caída del correo", TicketLinkType.DuplicateOf)], found.Links);
        Assert.Equal(TicketStatus.Closed, found.Status);
    }

    [StoreFact]
    public async Task AMergesCopiedCommentsAreWrittenWithTheTargetAfterItsOwnAndListedOnce()
    {
        var source = await NewTicketAsync("Pantalla parpadea");
        var commented = (await Tickets.SaveAsync(source.AddComment(Technician, "c-source-1", new CommentRequest("¿Qué modelo es?"), Rules, Time.GetUtcNow()).Value, source.ETag))!;
        var target = await NewTicketAsync("Monitores parpadean", requester: new Actor("requester-2", "Óscar Otro", Role.User, "Ventas"));
        target = (await Tickets.SaveAsync(target.AddComment(Technician, "c-target-1", new CommentRequest("Lo miro."), Rules, Time.GetUtcNow()).Value, target.ETag))!;
        var comments = (await Tickets.ListCommentsAsync(source.Id, false, new PageRequest(50, null, false))).Items;

        var change = target.AbsorbMerge(Technician, commented, comments, Time.GetUtcNow()).Value;
        var absorbed = (await Tickets.SaveAsync(change, target.ETag))!;
        var again = absorbed.AbsorbMerge(Technician, commented, comments, Time.GetUtcNow()).Value;

        Assert.True(again.IsEmpty);
        var listed = (await Tickets.ListCommentsAsync(target.Id, false, new PageRequest(50, null, false))).Items;
        Assert.Equal(["Lo miro.", "¿Qué modelo es?"], listed.Select(c => c.Body));
        var copy = listed[1];
        Assert.Equal(new TicketReference(source.Id, source.DisplayNumber), copy.MergedFrom);
        Assert.Equal((comments[0].Author, comments[0].CreatedAt), (copy.Author, copy.CreatedAt));
        Assert.Equal(copy with { Sequence = 0 }, (await Tickets.FindCommentAsync(target.Id, copy.Id))! with { Sequence = 0 });
        Assert.Equal([new TicketPerson(commented.Requester.Id, commented.Requester.Name)], (await Tickets.FindAsync(target.Id))!.Ccs);
    }
}
