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

        var body = new ProblemBody(Problems.TypeOf(Status), Error.Title, Status, Error.Detail, Error.Code,
            Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier)
        {
            Errors = Error.Errors is { Count: > 0 } errors ? errors : null,
            ErrorCodes = Error.ErrorCodes is { Count: > 0 } codes ? codes : null,
            Extensions = Error.Extensions?.ToDictionary(),
        };

        response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, body, Json.Options, http.RequestAborted);
    }
}
