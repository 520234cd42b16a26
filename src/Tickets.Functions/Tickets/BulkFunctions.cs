using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Tickets.Bulk;

namespace Tickets.Functions.Tickets;

/// <summary>One ticket's result: the status its own route would have answered, and that route's problem when refused.</summary>
public sealed record BulkResult(
    string Id,
    [property: Description("200 when the ticket changed; otherwise what its own route would answer (400, 403, 404, 409, 503…).")] int Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("The refused ticket's problem, as its own route would answer it.")] ProblemBody? Problem = null);

/// <summary>The results of a bulk request, one per ticket in the order given.</summary>
public sealed record BulkResults(IReadOnlyList<BulkResult> Results);

/// <summary>Staff act on many tickets at once; each ticket changes or refuses on its own rules.</summary>
public sealed class BulkFunctions(BulkService bulk)
{
    [Function("BulkTickets")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(BulkRequest))]
    [Returns(200, typeof(BulkResults))]
    [Description("One action (assign, status, priority, team, tags) on up to 100 tickets, each as its own route would do it (history, notifications, "
        + "permissions): a ticket the caller may not see is a 404 in its result, a refused move its 403 or 409, and the others still change. "
        + "A bad request (no ids, more than 100, an id twice, an unknown action, the action's field missing) changes nothing.")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/bulk")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<BulkRequest>(cancellationToken, async input =>
            Api.From(await bulk.RunAsync(input, cancellationToken), outcomes => Api.Ok(new BulkResults(
                [.. outcomes.Select(o => o.Error is null
                    ? new BulkResult(o.Id, StatusCodes.Status200OK)
                    : new BulkResult(o.Id, Problems.StatusOf(o.Error.Kind), ProblemResult.BodyOf(o.Error, request.HttpContext)))]))));
}
