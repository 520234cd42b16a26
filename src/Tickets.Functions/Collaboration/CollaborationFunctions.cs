using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Collaboration;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Tickets;

namespace Tickets.Functions.Collaboration;

/// <summary>
/// Who else is on a ticket: CCs (the requester's colleagues, who read and comment on the public side), followers (staff who
/// hear of its comments, notes and status changes), and the people finder the CC picker uses. A ticket the caller may
/// not see is a 404; a change that is not theirs, a 403.
/// </summary>
public sealed class CollaborationFunctions(TicketCollaboration collaboration, TicketViews views)
{
    [Function("SetTicketCcs")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(SetCcsRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.PreconditionFailed)]
    [Description("Replaces who is copied on the ticket (the requester or staff; a CC is refused with 403): active accounts other than the "
        + "requester, at most 20 (else 400 naming ccIds). Recorded as ccs_changed with who was added and removed.")]
    public Task<IActionResult> SetCcs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/ccs")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SetCcsRequest>(cancellationToken, async input =>
            await OkAsync(await collaboration.SetCcsAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("FollowTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden)]
    [Description("The caller (staff) follows the ticket: told of its public comments, internal notes and status changes (ticket_updated). "
        + "Following twice changes nothing. Requesters are refused (403).")]
    public async Task<IActionResult> Follow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/followers/me")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await OkAsync(await collaboration.FollowAsync(id, follow: true, cancellationToken), cancellationToken);

    [Function("UnfollowTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden)]
    [Description("The caller (staff) stops following the ticket; unfollowing one not followed changes nothing. Requesters are refused (403).")]
    public async Task<IActionResult> Unfollow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "tickets/{id}/followers/me")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await OkAsync(await collaboration.FollowAsync(id, follow: false, cancellationToken), cancellationToken);

    [Function("LookUpPerson")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(PersonLookupParameters))]
    [Returns(200, typeof(TicketPerson))]
    [Fails(ErrorKind.NotFound, ErrorKind.TooManyRequests)]
    [Description("The active account with exactly this e-mail address (id and name), for choosing CCs; 404 when there is none. Each call "
        + "spends one of the caller's look-ups (Tickets:Limits:LookupsPerUserPerMinute; beyond it 429), so the directory cannot be listed quickly.")]
    public async Task<IActionResult> LookUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "people/lookup")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await collaboration.LookUpAsync(request.QueryAs<PersonLookupParameters>().Email, cancellationToken), Api.Ok);

    /// <summary>The ticket as its caller sees it, with its ETag; or the failure's problem.</summary>
    private async Task<IActionResult> OkAsync(Result<Ticket> result, CancellationToken cancellationToken) =>
        result.IsSuccess ? Api.Ok(await views.OfAsync(result.Value, cancellationToken), result.Value.ETag) : Api.Problem(result.Error!);
}
