using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Tags: kept with the ticket, filtered on in lists (keyset paging unchanged), counted for completion.</summary>
public abstract partial class TicketStoreContract
{
    private async Task<Ticket> TaggedAsync(Ticket ticket, params string[] tags)
    {
        var change = ticket.SetTags(Technician, tags, Time.GetUtcNow()).Value;
        return (await Tickets.SaveAsync(change, ticket.ETag))!;
    }

    [StoreFact]
    public async Task TagsRoundTripWithTheTicketAndTheirChange()
    {
        var ticket = await NewTicketAsync();

        var tagged = await TaggedAsync(ticket, "vpn", "impresora");
        var retagged = await TaggedAsync(tagged, "vpn", "red");

        var found = await Tickets.FindAsync(ticket.Id);
        Assert.Equal(retagged, found);
        Assert.Equal(["vpn", "red"], found!.Tags);
        var history = (await Tickets.ListHistoryAsync(ticket.Id, includeInternal: true, new PageRequest(50, null, false))).Items;
        Assert.Equal(2, history.Count(e => e.Type == TicketEventType.TagsChanged));
    }

    [StoreFact]
    public async Task TagFilterCombinesWithOthersLeavesOutDeletedAndPagesThroughEachOnce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var ticket = await NewTicketAsync($"VPN {i}", i % 2 == 0 ? "high" : "low");
            ids.Add((await TaggedAsync(ticket, "vpn", $"n{i}")).Id);
            if (i % 3 == 0) Time.Advance(TimeSpan.FromMinutes(1));
        }

        await TaggedAsync(await NewTicketAsync("Impresora"), "impresora");
        var gone = await TaggedAsync(await NewTicketAsync("Borrado"), "vpn");
        await Tickets.SaveAsync(gone.Delete(Admin, Time.GetUtcNow()).Value, gone.ETag);

        foreach (var sort in Enum.GetValues<TicketSort>())
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await Tickets.ListAsync(new TicketQuery { Tag = "vpn", Sort = sort, Page = new PageRequest(3, cursor, false) });
                seen.AddRange(page.Items.Select(t => t.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(ids.Order(), seen.Order());
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }

        var high = await Tickets.ListAsync(new TicketQuery { Tag = "vpn", Priorities = [Priority.High], Page = new PageRequest(50, null, true) });
        Assert.Equal((4, (long?)4), (high.Items.Count, high.Total));
        Assert.Empty((await Tickets.ListAsync(new TicketQuery { Tag = "nada", Page = new PageRequest(50, null, false) })).Items);
    }

    [StoreFact]
    public async Task ATagsListSortsByTheTicketsKeysAsTheyAreNowNotAsTheyWereWhenTagged()
    {
        var older = await TaggedAsync(await NewTicketAsync("Antiguo", "low"), "vpn");
        Time.Advance(TimeSpan.FromMinutes(1));
        var newer = await TaggedAsync(await NewTicketAsync("Reciente", "low"), "vpn");
        Time.Advance(TimeSpan.FromMinutes(1));

        // Changes that are not tag changes move the ticket in the tag's list like in any other.
        var raised = (await Tickets.SaveAsync(older.Edit(Admin, new UpdateTicketRequest(Priority: "critical"), Rules, Time.GetUtcNow()).Value, older.ETag))!;

        async Task<IReadOnlyList<string>> ListAsync(TicketSort sort) =>
            (await Tickets.ListAsync(new TicketQuery { Tag = "vpn", Sort = sort, Page = new PageRequest(10, null, false) })).Items.Select(t => t.Id).ToList();
        Assert.Equal([raised.Id, newer.Id], await ListAsync(TicketSort.PriorityDescending));
        Assert.Equal([raised.Id, newer.Id], await ListAsync(TicketSort.UpdatedAtDescending));
        Assert.Equal([newer.Id, raised.Id], await ListAsync(TicketSort.CreatedAtDescending));
    }

    [StoreFact]
    public async Task TagCompletionCountsTicketsPerTagMostUsedFirstByPrefix()
    {
        await TaggedAsync(await NewTicketAsync("Uno"), "vpn", "red");
        await TaggedAsync(await NewTicketAsync("Dos"), "vpn", "vpn-oficina");
        await TaggedAsync(await NewTicketAsync("Tres"), "vpn", "red");
        var untagged = await TaggedAsync(await NewTicketAsync("Cuatro"), "vpn-oficina");
        await TaggedAsync(untagged);
        var gone = await TaggedAsync(await NewTicketAsync("Borrado"), "vpn-casa");
        await Tickets.SaveAsync(gone.Delete(Admin, Time.GetUtcNow()).Value, gone.ETag);

        Assert.Equal([new TagCount("vpn", 3), new TagCount("vpn-oficina", 1)], await Tickets.ListTagsAsync("vp", 20));
        Assert.Equal([new TagCount("vpn", 3), new TagCount("red", 2), new TagCount("vpn-oficina", 1)], await Tickets.ListTagsAsync("", 20));
        Assert.Equal([new TagCount("vpn", 3)], await Tickets.ListTagsAsync("", 1));
        Assert.Empty(await Tickets.ListTagsAsync("zz", 20));
    }
}
