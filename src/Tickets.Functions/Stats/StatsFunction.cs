using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Stats;

namespace Tickets.Functions.Stats;

public sealed class StatsFunction(StatsService stats)
{
    [Function("Stats")]
    [Access(Who.Staff)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await stats.GetAsync(request.Query["from"], request.Query["to"], cancellationToken), Api.Ok);
}
