using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Messaging;
using Tickets.Storage;

namespace Tickets.Functions.Health;

/// <summary>
/// <c>GET /health</c> for anyone: 200 <c>ok</c>, 200 <c>degraded</c> naming the poison queues that hold messages (work
/// that failed for good waits for someone), or 503 naming the failing dependency (store, queues). It may be probed
/// often, so the queues are looked at once per <see cref="QueueHealth.Reuse"/>. <c>GET /health/details</c> for admins:
/// each queue's backlog and poison count, asked now.
/// </summary>
public sealed class HealthFunction(IEnumerable<IStoreInitializer> stores, QueueHealth queues)
{
    [Function("Health")]
    [Access(Who.Anyone)]
    [Returns(200, typeof(HealthStatus))]
    [Fails(ErrorKind.Unavailable)]
    [Description("200 ok while the store and the queues answer; 200 degraded, naming the poison queues, while one holds messages "
        + "(the counts are in /health/details); otherwise 503 naming the dependency (store or queues).")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!await StoreAnswersAsync(cancellationToken)) return Unavailable("store", "The store does not answer.");
        var probed = await queues.RecentAsync(cancellationToken);
        if (probed.Any(q => !q.Reachable)) return Unavailable("queues", "The Storage queues do not answer.");
        var poisoned = probed.Where(q => q.HoldsPoison).Select(q => q.Name).ToList();
        return Api.Ok(poisoned.Count > 0 ? new HealthStatus("degraded", poisoned) : new HealthStatus("ok"));
    }

    [Function("HealthDetails")]
    [Access(Who.Admin)]
    [Returns(200, typeof(HealthDetails))]
    [Description("For admins: whether the store and each queue answer, and how many messages wait in each queue and poison queue.")]
    public async Task<IActionResult> Details(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/details")] HttpRequest request, CancellationToken cancellationToken)
    {
        var store = await StoreAnswersAsync(cancellationToken);
        var probed = await queues.ProbeAsync(cancellationToken);
        var healthy = store && probed.All(q => q.Reachable && !q.HoldsPoison);
        return Api.Ok(new HealthDetails(healthy ? "ok" : "degraded", store,
            probed.Select(q => new QueueHealthView(q.Name, q.Reachable, q.ApproximateMessages, QueueNames.IsPoison(q.Name))).ToList()));
    }

    private async Task<bool> StoreAnswersAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            try
            {
                if (!await store.PingAsync(cancellationToken)) return false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    private static IActionResult Unavailable(string dependency, string detail) =>
        Api.Problem(new Error(ErrorKind.Unavailable, "dependency_unavailable", "A dependency is unavailable.", detail)
        {
            Extensions = new Dictionary<string, object?> { ["dependency"] = dependency },
        });
}
