using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>
/// Reads a JSON body: 415 if it is not JSON or declares a charset other than UTF-8 (JSON is UTF-8, RFC 8259; read as
/// UTF-8 a Latin-1 body would store other text than the client meant), 413 over 64 KiB, 400 naming the field for malformed JSON.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<Result<T>> ReadJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes) return TooLarge;

        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType) || !IsJson(contentType))
        {
            return new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.",
                "Send the body as application/json.");
        }

        if (Charset(contentType) is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.",
                "Send the JSON body in UTF-8 (charset=utf-8, or no charset).");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxBytes) return TooLarge;
            }

            if (length == 0) return Error.Field("body", FieldCodes.Required, "A JSON body is required.");

            try
            {
                var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Json.Options);
                return value is null ? Error.Field("body", FieldCodes.InvalidType, "A JSON object is required.") : value;
            }
            catch (JsonException e)
            {
                return Error.Field(FieldOf(e.Path), e.Path is null or "$" ? FieldCodes.InvalidJson : FieldCodes.InvalidType, e.Path is null or "$" ? "Is not valid JSON." : "Has the wrong type or format.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A text body of <paramref name="mediaType"/> (an iCalendar, say) in UTF-8: 415 for another type, 413 over <paramref name="maxBytes"/>.</summary>
    public static async Task<Result<string>> ReadTextAsync(this HttpRequest request, string mediaType, int maxBytes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        if (!contentType.Split(';', 2)[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            return new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.", $"Send the body as {mediaType}.");
        if (Charset(contentType) is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.", "Send the body in UTF-8.");
        var tooLarge = new Error(ErrorKind.PayloadTooLarge, "payload_too_large", "Payload too large.", $"The body may not exceed {maxBytes / 1024} KiB.");
        if (request.ContentLength > maxBytes) return tooLarge;

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return tooLarge;
        }

        if (buffer.Length == 0) return Error.Field("body", FieldCodes.Required, "A body is required.");
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Error.Field("body", FieldCodes.InvalidCharacters, "Must be UTF-8 text.");
        }
    }

    /// <summary>Reads the body and hands it to <paramref name="handle"/>, or answers the body's problem.</summary>
    public static async Task<IActionResult> WithJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken, Func<T, Task<IActionResult>> handle)
        where T : class
    {
        var input = await request.ReadJsonAsync<T>(cancellationToken);
        return input.IsSuccess ? await handle(input.Value) : Api.Problem(input.Error!);
    }

    private static Error TooLarge => new(ErrorKind.PayloadTooLarge, "payload_too_large", "Payload too large.",
        $"The body may not exceed {MaxBytes / 1024} KiB.");

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>charset</c> parameter of a media type, unquoted; null when there is none.</summary>
    private static string? Charset(string contentType)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var (name, value) = parameter.Split('=', 2) is [var n, var v] ? (n.Trim(), v.Trim()) : (parameter.Trim(), "");
            if (name.Equals("charset", StringComparison.OrdinalIgnoreCase)) return value.Trim('"');
        }

        return null;
    }

    /// <summary>"$.priority" → "priority"; "$" or unknown → "body".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.IsNullOrEmpty(field) ? "body" : field;
    }
}
