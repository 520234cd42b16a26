using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Satisfaction: the rating kept with the ticket, and beside it the projection reports count (rating, when).</summary>
public abstract partial class TicketStoreContract
{
    private async Task<Ticket> ResolvedAsync()
    {
        var ticket = await NewTicketAsync();
        var resolved = ticket.ChangeStatus(Admin, TicketStatus.Resolved, "Tóner sustituido.", Rules, Time.GetUtcNow()).Value;
        return (await Tickets.SaveAsync(resolved, ticket.ETag))!;
    }

    [StoreFact]
    public async Task ARatingRoundTripsWithTheTicketAndItsProjectionFollowsTheLatest()
    {
        var ticket = await ResolvedAsync();
        Assert.Equal((null, null), await Adapter.SatisfactionProjectionAsync(Services, ticket.Id));
        Time.Advance(TimeSpan.FromMinutes(5));
        var ratedAt = Time.GetUtcNow();

        var rated = (await Tickets.SaveAsync(ticket.Rate(Requester, SatisfactionRating.Bad, "Tardaron tres días.", ratedAt).Value, ticket.ETag))!;

        var found = await Tickets.FindAsync(ticket.Id);
        Assert.Equal(rated, found);
        Assert.Equal(new TicketSatisfaction(SatisfactionRating.Bad, "Tardaron tres días.", ratedAt, ticket.ResolvedAt!.Value), found!.Satisfaction);
        Assert.Equal(("bad", (DateTimeOffset?)ratedAt), await Adapter.SatisfactionProjectionAsync(Services, ticket.Id));
        var history = (await Tickets.ListHistoryAsync(ticket.Id, includeInternal: false, new PageRequest(50, null, false))).Items;
        Assert.Single(history, e => e.Type == TicketEventType.SatisfactionRated);

        var reopened = (await Tickets.SaveAsync(rated.ChangeStatus(Requester, TicketStatus.InProgress, "Vuelve a fallar.", Rules, Time.GetUtcNow()).Value, rated.ETag))!;
        var again = (await Tickets.SaveAsync(reopened.ChangeStatus(Admin, TicketStatus.Resolved, "Ahora sí.", Rules, Time.GetUtcNow()).Value, reopened.ETag))!;
        Time.Advance(TimeSpan.FromMinutes(5));
        await Tickets.SaveAsync(again.Rate(Requester, SatisfactionRating.Good, null, Time.GetUtcNow()).Value, again.ETag);

        Assert.Equal(("good", (DateTimeOffset?)Time.GetUtcNow()), await Adapter.SatisfactionProjectionAsync(Services, ticket.Id));
    }
}
