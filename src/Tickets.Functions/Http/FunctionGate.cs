using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Identity;
using Tickets.Storage;

namespace Tickets.Functions.Http;

/// <summary>
/// What runs around every HTTP function in every host: authentication, the caller's request budget (and write budget for a
/// function declared as writing; a 429 beyond them, the RateLimit fields on every answer to a signed-in caller) and the role
/// from its declaration, then the function, a busy store turned into a 503 with Retry-After, and an unexpected exception
/// into a 500 problem with a trace id and a structured log.
/// </summary>
public static partial class FunctionGate
{
    /// <param name="http">The request.</param>
    /// <param name="services">The invocation's scope (where the function's <c>CurrentUser</c> lives).</param>
    /// <param name="function">The function's declaration.</param>
    /// <param name="invoke">Runs the function; returns its result, or null when the host handles the result itself.</param>
    public static async Task<IActionResult?> RunAsync(HttpContext http, IServiceProvider services, HttpFunction function, Func<Task<IActionResult?>> invoke)
    {
        try
        {
            services.GetRequiredService<ClientAddress>().Set(ClientAddressOf(http, services.GetRequiredService<IOptions<LimitsOptions>>().Value));
            var authorizer = services.GetRequiredService<HttpAuthorizer>();
            var (account, refusal) = await authorizer.AuthenticateAsync(http, function.Access);
            if (refusal is not null) return refusal;
            if (account is not null)
            {
                // Counted once the account is known, before its role is checked: a refused call is still a call.
                var denied = await services.GetRequiredService<AccountRateLimits>().SpendAsync(http, account.Id, function.Writes)
                    ?? authorizer.Admit(account, function.Access);
                if (denied is not null) return denied;
            }

            return await invoke();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && StoreBusy.From(e) is { } busy)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tickets.Functions");
            LogStoreBusy(logger, e, function.Name);
            return Api.Problem(busy);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tickets.Functions");
            LogUnhandled(logger, e, function.Name, http.Request.Method, http.Request.Path);
            return Api.Problem(Problems.Unexpected);
        }
    }

    /// <summary>The configured forwarding header's last entry where a front end sets it; otherwise the connection's peer.</summary>
    private static IPAddress? ClientAddressOf(HttpContext http, LimitsOptions limits) =>
        string.IsNullOrEmpty(limits.ClientAddressHeader)
            ? http.Connection.RemoteIpAddress
            : ClientAddress.FromForwardedHeader(http.Request.Headers[limits.ClientAddressHeader].ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} answered 503: the store is throttling or unavailable")]
    private static partial void LogStoreBusy(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string function, string method, string path);
}
