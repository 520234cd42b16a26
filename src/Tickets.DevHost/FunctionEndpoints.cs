using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.DevHost;

/// <summary>Maps every HTTP function of Tickets.Functions to a Kestrel endpoint and binds its parameters.</summary>
internal static class FunctionEndpoints
{
    public static void MapFunctions(this WebApplication app)
    {
        foreach (var function in FunctionCatalog.All)
        {
            var invoke = HttpFunctionInvoker.Create(function);
            RequestDelegate handle = http => HandleAsync(http, function, invoke);
            app.MapMethods("/api/" + function.Route, function.Methods, handle).WithName(function.Name);
        }

        // Unknown API routes answer like the rest of the API.
        app.Map("/api/{**rest}", async (HttpContext http) =>
            await Api.Problem(Error.NotFound("route")).ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), Results)));
    }

    private static async Task HandleAsync(HttpContext http, HttpFunction function, Func<HttpContext, Task<IActionResult?>> invoke)
    {
        var outcome = await FunctionGate.RunAsync(http, http.RequestServices, function, () => invoke(http));
        await outcome!.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), Results));
    }

    /// <summary>Our results read only the HTTP context; one descriptor serves every request.</summary>
    private static readonly ActionDescriptor Results = new();
}
