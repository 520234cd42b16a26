using System.ComponentModel;
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
    [Accepts(Query = typeof(StatsParameters))]
    [Returns(200, typeof(TicketStats))]
    [Description("Figures over the tickets created in a range (at most 366 days; by default the last 30).")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stats")] HttpRequest request, CancellationToken cancellationToken)
    {
        var range = request.QueryAs<StatsParameters>();
        return Api.From(await stats.GetAsync(range.From, range.To, cancellationToken), Api.Ok);
    }
}
