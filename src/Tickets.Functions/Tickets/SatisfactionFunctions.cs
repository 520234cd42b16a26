using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Tickets;
using Tickets.Tickets.Resolution;

namespace Tickets.Functions.Tickets;

/// <summary>
/// Satisfaction: the requester rates a resolution good or bad, in the app (signed in) or from the resolved e-mail's link
/// (anonymous: the signed, single-use token is the credential, and acts as the requester).
/// </summary>
public sealed class SatisfactionFunctions(TicketService tickets, TicketViews views, ResolutionAnswers answers)
{
    [Function("RateTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(SatisfactionRequest))]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict)]
    [Description("The requester rates the ticket's current resolution good or bad, with an optional comment (at most 2000 characters), recorded "
        + "as satisfaction_rated; a bad rating tells the assignee and the active admins. Once per resolution: a ticket not resolved (nor closed "
        + "after a resolution) is a 409 not_resolved, a second rating a 409 already_rated; a reopening and a new resolution ask again. Others: 403.")]
    public Task<IActionResult> Rate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/satisfaction")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SatisfactionRequest>(cancellationToken, async input =>
        {
            var rated = await tickets.RateAsync(id, input, cancellationToken);
            return rated.IsSuccess ? Api.Ok(await views.OfAsync(rated.Value, cancellationToken), rated.Value.ETag) : Api.Problem(rated.Error!);
        });

    [Function("AnswerSatisfaction")]
    [Access(Who.Anyone)]
    [Accepts(typeof(SatisfactionAnswerRequest))]
    [Returns(200, typeof(SatisfactionAnswerView))]
    [Fails(ErrorKind.Conflict, ErrorKind.TooManyRequests)]
    [Description("Records the rating a resolved e-mail's satisfaction link names (good or bad), as the ticket's requester; the same link may then "
        + "add a comment, once. Any other second use, or a link of a resolution since reopened, is a 409 link_already_used; a malformed, "
        + "forged or expired link a 400 invalid_link naming token. Throttled per client address.")]
    public Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "satisfaction-answers")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SatisfactionAnswerRequest>(cancellationToken, async input =>
            Api.From(await answers.RateAsync(input, cancellationToken), Api.Ok));
}
