using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Tickets.Resolution;

namespace Tickets.Functions.Tickets;

/// <summary>
/// The answer to a resolved e-mail's "¿Resuelto? Sí / No, reabrir" link, given on the web page it opens (never on opening
/// it: mail scanners open links). Anonymous: the signed, single-use token is the credential, and acts as the requester.
/// </summary>
public sealed class ResolutionAnswerFunctions(ResolutionAnswers answers)
{
    [Function("AnswerResolution")]
    [Access(Who.Anyone)]
    [Accepts(typeof(ResolutionAnswerRequest))]
    [Returns(200, typeof(ResolutionAnswerView))]
    [Fails(ErrorKind.Conflict, ErrorKind.TooManyRequests)]
    [Description("Applies the answer a resolution link names, as the ticket's requester: confirm closes the ticket, reopen takes it back to "
        + "work (in_progress) with the note as the reason. Works once: after any answer, or any other change of status since that "
        + "resolution, 409 link_already_used; a malformed, forged or expired link is a 400 invalid_link naming token. Throttled per client address.")]
    public Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "resolution-answers")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<ResolutionAnswerRequest>(cancellationToken, async input =>
            Api.From(await answers.AnswerAsync(input, cancellationToken), Api.Ok));
}
