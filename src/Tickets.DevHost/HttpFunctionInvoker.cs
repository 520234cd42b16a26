using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Tickets.Functions.Http;

namespace Tickets.DevHost;

/// <summary>
/// Calls an HTTP function's method the way a hand-written endpoint would: the constructor factory and a typed call with
/// its bound arguments are compiled once at start-up, so a request pays no reflection (no MethodInfo.Invoke, no
/// constructor matching, no argument arrays).
/// </summary>
internal static class HttpFunctionInvoker
{
    private static readonly MethodInfo RouteValue = typeof(HttpFunctionInvoker).GetMethod(nameof(RouteString), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Checked at start-up: a parameter the local host cannot bind is a start-up error, not a 500 later.</summary>
    public static Func<HttpContext, Task<IActionResult?>> Create(HttpFunction function)
    {
        var method = function.Method;
        var http = Expression.Parameter(typeof(HttpContext), "http");
        var target = Expression.Parameter(typeof(object), "target");
        var arguments = method.GetParameters().Select(parameter => Bind(function, parameter, http));
        var call = Expression.Call(method.IsStatic ? null : Expression.Convert(target, method.DeclaringType!), method, arguments);

        if (method.ReturnType == typeof(Task<IActionResult>))
        {
            // Nullability is not a runtime type: Task<IActionResult> is the Task<IActionResult?> the gate expects.
            var invoke = Expression.Lambda<Func<object?, HttpContext, Task<IActionResult?>>>(call, target, http).Compile();
            return Instantiated(function, invoke);
        }

        if (typeof(IActionResult).IsAssignableFrom(method.ReturnType))
        {
            var synchronous = Expression.Lambda<Func<object?, HttpContext, IActionResult>>(
                Expression.Convert(call, typeof(IActionResult)), target, http).Compile();
            return Instantiated(function, (instance, context) => Task.FromResult<IActionResult?>(synchronous(instance, context)));
        }

        throw new InvalidOperationException($"{function.Name} must return IActionResult or Task<IActionResult>.");
    }

    /// <summary>The function class is made per request in the request's scope (it takes scoped services), by a compiled factory.</summary>
    private static Func<HttpContext, Task<IActionResult?>> Instantiated(HttpFunction function, Func<object?, HttpContext, Task<IActionResult?>> invoke)
    {
        if (function.Method.IsStatic) return http => invoke(null, http);

        var type = function.Method.DeclaringType!;
        var factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        return http => invoke(http.RequestServices.GetService(type) ?? factory(http.RequestServices, null), http);
    }

    private static Expression Bind(HttpFunction function, ParameterInfo parameter, ParameterExpression http)
    {
        if (parameter.ParameterType == typeof(HttpRequest)) return Expression.Property(http, nameof(HttpContext.Request));
        if (parameter.ParameterType == typeof(CancellationToken)) return Expression.Property(http, nameof(HttpContext.RequestAborted));
        if (parameter.ParameterType == typeof(string) && function.Route.Contains('{' + parameter.Name!, StringComparison.Ordinal))
            return Expression.Call(RouteValue, http, Expression.Constant(parameter.Name));
        throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function {function.Name}.");
    }

    private static string? RouteString(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString();
}
