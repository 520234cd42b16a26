using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Budgets;

namespace Tickets.Functions.Http;

/// <summary>
/// The HTTP side of <see cref="RequestBudgets"/>: spends the signed-in caller's budget and answers with the IETF httpapi
/// rate-limit fields (draft-ietf-httpapi-ratelimit-headers, structured-field form) — <c>RateLimit-Policy</c> naming every
/// policy, <c>RateLimit</c> the one closest to exhaustion — and, beyond the budget, a 429 with <c>Retry-After</c>.
/// </summary>
public sealed class AccountRateLimits
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";

    /// <summary>
    /// What a browser on another origin may read of these answers: the web calls the Functions app over CORS, whose
    /// platform settings name origins only, so the app lists the fields itself (a same-origin caller ignores it).
    /// </summary>
    private const string Exposed = "RateLimit-Policy, RateLimit, Retry-After";

    private readonly RequestBudgets _budgets;
    private readonly string _policies;

    public AccountRateLimits(RequestBudgets budgets)
    {
        _budgets = budgets;
        _policies = string.Join(", ", budgets.Policies.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"\"{p.Name}\";q={p.Quota};w={(long)p.Window.TotalSeconds}")));
    }

    /// <summary>Null when the call is within the budget; otherwise the 429. Either way the response carries both fields.</summary>
    public async ValueTask<IActionResult?> SpendAsync(HttpContext http, string account, bool writes)
    {
        var spend = await _budgets.SpendAsync(account, writes, http.RequestAborted);
        var headers = http.Response.Headers;
        headers[PolicyHeader] = _policies;
        headers.AccessControlExposeHeaders = Exposed;
        headers[Header] = string.Create(CultureInfo.InvariantCulture,
            $"\"{spend.Policy.Name}\";r={spend.Remaining};t={Math.Max(1, (long)Math.Ceiling(spend.ResetAfter.TotalSeconds))}");
        return spend.Granted ? null : Api.Problem(RequestBudgets.Exceeded(spend));
    }
}
