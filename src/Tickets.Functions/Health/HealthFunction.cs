using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Storage;

namespace Tickets.Functions.Health;

public sealed class HealthFunction(IEnumerable<IStoreInitializer> stores)
{
    [Function("Health")]
    [Access(Who.Anyone)]
    [Returns(200, typeof(HealthStatus))]
    [Fails(ErrorKind.Unavailable)]
    [Description("200 while the store answers; otherwise 503 naming the dependency.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            bool healthy;
            try
            {
                healthy = await store.PingAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                healthy = false;
            }

            if (!healthy)
            {
                return Api.Problem(new Error(ErrorKind.Unavailable, "dependency_unavailable", "A dependency is unavailable.",
                    $"The store ({store.GetType().Name}) does not answer.")
                {
                    Extensions = new Dictionary<string, object?> { ["dependency"] = "store" },
                });
            }
        }

        return Api.Ok(new HealthStatus("ok"));
    }
}

/// <summary>The body of a healthy answer.</summary>
public sealed record HealthStatus(string Status);
