using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>A JSON (or empty) response written with the product's JSON options, in any host.</summary>
public sealed class ApiJsonResult(int status, object? body) : IActionResult
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
