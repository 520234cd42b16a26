using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Tickets.Functions.Http;

/// <summary>The Functions worker's entry to <see cref="FunctionGate"/>, for HTTP triggers only.</summary>
internal sealed class HttpGateMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        var function = http is null ? null : FunctionCatalog.Find(context.FunctionDefinition.Name);
        if (http is null || function is null)
        {
            await next(context);
            return;
        }

        var outcome = await FunctionGate.RunAsync(http, context.InstanceServices, function, async () =>
        {
            await next(context);
            return null;
        });

        if (outcome is not null) context.GetInvocationResult().Value = outcome;
    }
}
