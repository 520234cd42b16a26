using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Tickets;

namespace Tickets.Functions.Tickets;

/// <summary>Links between tickets and merging one into another (staff). Each answers the ticket named in the route, as it is now.</summary>
public sealed class TicketLinkFunctions(TicketLinkService links, TicketViews views)
{
    [Function("LinkTicket")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(LinkRequest))]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict)]
    [Description("Links the ticket to another (related, duplicate_of, parent_of); the other shows the inverse (related, duplicated_by, child_of). "
        + "Both histories record it (linked). At most 50 links per ticket, one per pair: linking the same pair again is a 409.")]
    public Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/links")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<LinkRequest>(cancellationToken, async input =>
            await OkAsync(await links.LinkAsync(id, input, cancellationToken), cancellationToken));

    [Function("UnlinkTicket")]
    [Access(Who.Staff, Writes = true)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Description("Removes the link between the ticket and another from both (unlinked in both histories); 404 when they are not linked.")]
    public async Task<IActionResult> Unlink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "tickets/{id}/links/{ticketId}")] HttpRequest request, string id, string ticketId,
        CancellationToken cancellationToken) =>
        await OkAsync(await links.UnlinkAsync(id, ticketId, cancellationToken), cancellationToken);

    [Function("MergeTicket")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(MergeRequest))]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict)]
    [Description("Merges the ticket into another open one: its requester and CCs become CCs there, its public comments are copied there "
        + "(marked mergedFrom), it is closed (reason merged) with mergedInto and a duplicate_of link. Answers the merged ticket. "
        + "Asking again completes a merge that stopped half way.")]
    public Task<IActionResult> Merge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/merge")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<MergeRequest>(cancellationToken, async input =>
            await OkAsync(await links.MergeAsync(id, input, cancellationToken), cancellationToken));

    private async Task<IActionResult> OkAsync(Result<Ticket> result, CancellationToken cancellationToken) =>
        result.IsSuccess ? Api.Ok(await views.OfAsync(result.Value, cancellationToken), result.Value.ETag) : Api.Problem(result.Error!);
}
