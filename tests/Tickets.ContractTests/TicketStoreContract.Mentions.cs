using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Mentions: kept with their comment, read back the same whether found by id or listed.</summary>
public abstract partial class TicketStoreContract
{
    [StoreFact]
    public async Task ACommentsMentionsRoundTripByIdAndInTheList()
    {
        var ticket = await NewTicketAsync();
        var change = ticket.AddComment(Technician, "mentioning-1", new CommentRequest("Mira esto, @Ana."), Rules, Time.GetUtcNow(),
            mentioned: [Admin, Requester]).Value;

        await Tickets.SaveAsync(change, ticket.ETag);

        var found = await Tickets.FindCommentAsync(ticket.Id, "mentioning-1");
        var listed = Assert.Single((await Tickets.ListCommentsAsync(ticket.Id, includeInternal: false, new PageRequest(10, null, false))).Items);
        Assert.Equal([new TicketPerson(Admin.Id, Admin.Name), new TicketPerson(Requester.Id, Requester.Name)], found!.Mentions);
        Assert.Equal(change.Comment, found);
        Assert.Equal(found, listed);
    }
}
