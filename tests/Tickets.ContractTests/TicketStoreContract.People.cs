using Tickets.Common;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>CCs and followers: kept with the ticket, filtered on in lists ("copied to me", "I follow") with keyset paging unchanged.</summary>
public abstract partial class TicketStoreContract
{
    private static readonly Actor OtherTechnician = new("tech-2", "Teresa Técnica", Role.Technician, "Soporte");

    private async Task<Ticket> CopiedAsync(Ticket ticket, params TicketPerson[] ccs) =>
        (await Tickets.SaveAsync(ticket.SetCcs(Admin, ccs, Time.GetUtcNow()).Value, ticket.ETag))!;

    private async Task<Ticket> FollowedAsync(Ticket ticket, Actor by, bool follow = true) =>
        (await Tickets.SaveAsync(ticket.SetFollowing(by, follow, Time.GetUtcNow()).Value, ticket.ETag))!;

    private async Task<List<string>> AllPagesAsync(TicketQuery query)
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Tickets.ListAsync(query with { Page = new PageRequest(2, cursor, false) });
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return seen;
    }

    [StoreFact]
    public async Task CcsAndFollowersRoundTripWithTheTicket()
    {
        var ticket = await NewTicketAsync();

        var copied = await CopiedAsync(ticket, new TicketPerson("user-2", "Berta Usuaria"), new TicketPerson("user-3", "Carlos Usuario"));
        var followed = await FollowedAsync(copied, Technician);

        var found = await Tickets.FindAsync(ticket.Id);
        Assert.Equal(followed, found);
        Assert.Equal(["user-2", "user-3"], found!.Ccs.Select(c => c.Id));
        Assert.Equal([new TicketPerson(Technician.Id, Technician.Name)], found.Followers);
    }

    [StoreFact]
    public async Task CopiedToFilterFindsOnlyCurrentCcsLeavesOutDeletedAndPagesThroughEachOnce()
    {
        var cc = new TicketPerson("user-cc", "Berta Usuaria");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CopiedAsync(await NewTicketAsync($"Copiado {i}"), cc)).Id);
            if (i % 2 == 0) Time.Advance(TimeSpan.FromMinutes(1)); // some share a creation time: the id breaks the tie
        }

        var dropped = await CopiedAsync(await NewTicketAsync("Ya no"), cc);
        await CopiedAsync(dropped);
        var gone = await CopiedAsync(await NewTicketAsync("Borrado"), cc);
        await Tickets.SaveAsync(gone.Delete(Admin, Time.GetUtcNow()).Value, gone.ETag);
        await CopiedAsync(await NewTicketAsync("De otro"), new TicketPerson("user-other", "Otro"));

        var seen = await AllPagesAsync(new TicketQuery { CcId = cc.Id, Page = new PageRequest(2, null, false) });

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var counted = await Tickets.ListAsync(new TicketQuery { CcId = cc.Id, Page = new PageRequest(50, null, true) });
        Assert.Equal(5, counted.Total);
    }

    [StoreFact]
    public async Task FollowerFilterFindsWhatSomeoneFollowsUntilTheyStop()
    {
        var first = await FollowedAsync(await NewTicketAsync("Seguido"), Technician);
        var both = await FollowedAsync(await FollowedAsync(await NewTicketAsync("Seguido por dos"), OtherTechnician), Technician);
        var stopped = await FollowedAsync(await FollowedAsync(await NewTicketAsync("Ya no"), Technician), Technician, follow: false);

        var mine = await AllPagesAsync(new TicketQuery { FollowerId = Technician.Id, Page = new PageRequest(2, null, false) });
        var theirs = await AllPagesAsync(new TicketQuery { FollowerId = OtherTechnician.Id, Page = new PageRequest(2, null, false) });

        Assert.Equal(new[] { both.Id, first.Id }.Order(), mine.Order());
        Assert.Equal([both.Id], theirs);
        Assert.Empty(stopped.Followers);
    }
}
