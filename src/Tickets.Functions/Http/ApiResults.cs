using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>A JSON (or empty) response written with the product's JSON options, in any host.</summary>
public sealed class JsonResult(int status, object? body) : IActionResult
{
    public int Status { get; } = status;

    public object? Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers) response.Headers[name] = value;
        if (Body is null) return;

        response.ContentType = "application/json; charset=utf-8";
        // Straight into the response's pipe (no intermediate stream and buffer copy); the flush sends it.
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, Writing))
            JsonSerializer.Serialize(writer, Body, Body.GetType(), Json.Options);
        await response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted);
    }

    private static readonly JsonWriterOptions Writing = new() { Encoder = Json.Options.Encoder, SkipValidation = true };
}

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

/// <summary>Typed results for function bodies.</summary>
public static class Api
{
    public static IActionResult Ok(object body) => new JsonResult(StatusCodes.Status200OK, body);

    /// <summary>200 with an <c>ETag</c> header (the entity tag quoted).</summary>
    public static IActionResult Ok(object body, string etag)
    {
        var result = new JsonResult(StatusCodes.Status200OK, body);
        result.Headers["ETag"] = Preconditions.Quote(etag);
        return result;
    }

    public static IActionResult NoContent() => new JsonResult(StatusCodes.Status204NoContent, null);

    /// <summary>202 without a body: taken on, the outcome is not told (a reset link, for instance).</summary>
    public static IActionResult Accepted() => new JsonResult(StatusCodes.Status202Accepted, null);

    public static IActionResult Created(string location, object body, string? etag = null)
    {
        var result = new JsonResult(StatusCodes.Status201Created, body);
        result.Headers["Location"] = location;
        if (etag is not null) result.Headers["ETag"] = etag;
        return result;
    }

    public static IActionResult Problem(Error error) => new ProblemResult(error);

    /// <summary>The value's response, or the failure's problem.</summary>
    public static IActionResult From<T>(Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : Problem(result.Error!);

    public static IActionResult From(Result result, Func<IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : Problem(result.Error!);
}

/// <summary>The one mapping from failure kinds to HTTP.</summary>
public static class Problems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };

    /// <summary>The 500 answer: a trace id to quote, never internals.</summary>
    public static readonly Error Unexpected = new(ErrorKind.Internal, "unexpected", "An unexpected error occurred.",
        "The error was logged with this trace id.");
}
