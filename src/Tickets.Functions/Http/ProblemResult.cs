using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>An RFC 9457 problem; the trace id is filled in when written.</summary>
public sealed class ProblemResult(Error error) : IActionResult
{
    public Error Error { get; } = error;

    public int Status => Problems.StatusOf(Error.Kind);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.StatusCode = Status;
        if (Error.Kind == ErrorKind.Unauthorized)
            response.Headers.WWWAuthenticate = Error.Code == "missing_token" ? "Bearer" : "Bearer error=\"invalid_token\"";
        if (Error.RetryAfter is { } retryAfter)
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, BodyOf(Error, http), Json.Options, http.RequestAborted);
    }

    /// <summary>The problem body <paramref name="error"/> answers with (a bulk result carries one per refused ticket).</summary>
    public static ProblemBody BodyOf(Error error, HttpContext http)
    {
        var status = Problems.StatusOf(error.Kind);
        return new ProblemBody(Problems.TypeOf(status), error.Title, status, error.Detail, error.Code,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier)
        {
            Errors = error.Errors is { Count: > 0 } errors ? errors : null,
            ErrorCodes = error.ErrorCodes is { Count: > 0 } codes ? codes : null,
            Extensions = error.Extensions?.ToDictionary(),
        };
    }
}
