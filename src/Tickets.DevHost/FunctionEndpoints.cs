using System.Reflection;
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
            var invoke = CreateInvoker(function);
            RequestDelegate handle = http => HandleAsync(http, function, invoke);
            app.MapMethods("/api/" + function.Route, function.Methods, handle).WithName(function.Name);
        }

        // Unknown API routes answer like the rest of the API.
        app.Map("/api/{**rest}", async (HttpContext http) =>
            await Api.Problem(Error.NotFound("route")).ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())));
    }

    private static async Task HandleAsync(HttpContext http, HttpFunction function, Func<HttpContext, Task<IActionResult?>> invoke)
    {
        var outcome = await FunctionGate.RunAsync(http, http.RequestServices, function, () => invoke(http));
        await outcome!.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>Checked at start-up: a parameter the local host cannot bind is a start-up error, not a 500 later.</summary>
    private static Func<HttpContext, Task<IActionResult?>> CreateInvoker(HttpFunction function)
    {
        var method = function.Method;
        var binders = method.GetParameters().Select(parameter => BinderFor(function, parameter)).ToArray();
        if (!typeof(IActionResult).IsAssignableFrom(method.ReturnType) && !typeof(Task<IActionResult>).IsAssignableFrom(method.ReturnType))
            throw new InvalidOperationException($"{function.Name} must return IActionResult or Task<IActionResult>.");

        return async http =>
        {
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(http.RequestServices, method.DeclaringType!);
            var arguments = binders.Select(bind => bind(http)).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            return returned switch
            {
                Task<IActionResult> task => await task,
                IActionResult result => result,
                _ => throw new InvalidOperationException($"{function.Name} returned nothing."),
            };
        };
    }

    private static Func<HttpContext, object?> BinderFor(HttpFunction function, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest)) return http => http.Request;
        if (parameter.ParameterType == typeof(CancellationToken)) return http => http.RequestAborted;
        if (parameter.ParameterType == typeof(string) && function.Route.Contains('{' + parameter.Name!, StringComparison.Ordinal))
            return http => http.GetRouteValue(parameter.Name!)?.ToString();
        throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function {function.Name}.");
    }
}
