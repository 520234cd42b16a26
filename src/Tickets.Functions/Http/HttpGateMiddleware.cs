using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>
/// The Functions worker's entry to <see cref="FunctionGate"/>. Queue and timer triggers pass through; an HTTP-triggered
/// function runs only through the gate, with the access its catalog entry declares. One that is not in the catalog
/// (declared nowhere, or in another assembly) is refused, never run open. Every answer carries <see cref="SecurityHeaders.Api"/>.
/// </summary>
internal sealed partial class HttpGateMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!IsHttpTriggered(context.FunctionDefinition))
        {
            await next(context);
            return;
        }

        var http = context.GetHttpContext();
        if (http is not null) SecurityHeaders.Apply(http.Response, SecurityHeaders.Api);
        var function = FunctionCatalog.Find(context.FunctionDefinition.Name);
        if (http is null || function is null)
        {
            var logger = context.InstanceServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tickets.Functions");
            LogRefused(logger, context.FunctionDefinition.Name);
            if (http is not null)
                await Api.Problem(Error.NotFound("route")).ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
            return;
        }

        var outcome = await FunctionGate.RunAsync(http, context.InstanceServices, function, async () =>
        {
            await next(context);
            return null;
        });

        if (outcome is not null) context.GetInvocationResult().Value = outcome;
    }

    internal static bool IsHttpTriggered(FunctionDefinition definition) =>
        definition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} has no declared access in the catalog: refused")]
    private static partial void LogRefused(ILogger logger, string function);
}
