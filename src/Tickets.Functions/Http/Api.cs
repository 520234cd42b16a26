using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tickets.Common;

namespace Tickets.Functions.Http;

/// <summary>Typed results for function bodies.</summary>
public static class Api
{
    public static IActionResult Ok(object body) => new ApiJsonResult(StatusCodes.Status200OK, body);

    /// <summary>200 with an <c>ETag</c> header (the entity tag quoted).</summary>
    public static IActionResult Ok(object body, string etag)
    {
        var result = new ApiJsonResult(StatusCodes.Status200OK, body);
        result.Headers["ETag"] = Preconditions.Quote(etag);
        return result;
    }

    /// <summary>200 with an <c>ETag</c> header already in its wire form (a weak list tag, <c>W/"…"</c>).</summary>
    public static IActionResult OkTagged(object body, string wireETag)
    {
        var result = new ApiJsonResult(StatusCodes.Status200OK, body);
        result.Headers["ETag"] = wireETag;
        return result;
    }

    /// <summary>304: what the caller holds (its <c>If-None-Match</c>) is still current; the tag again, no body.</summary>
    public static IActionResult NotModified(string wireETag)
    {
        var result = new ApiJsonResult(StatusCodes.Status304NotModified, null);
        result.Headers["ETag"] = wireETag;
        return result;
    }

    /// <summary>
    /// A conditional GET's answer: 304 when <c>If-None-Match</c> names <paramref name="wireETag"/>, else 200 with the body
    /// <paramref name="body"/> makes (not made at all for a 304) and the tag.
    /// </summary>
    public static async Task<IActionResult> ConditionalAsync(HttpRequest request, string wireETag, Func<Task<object>> body) =>
        request.IfNoneMatch(wireETag) ? NotModified(wireETag) : OkTagged(await body(), wireETag);

    /// <summary>
    /// 302 to <paramref name="location"/> (a file's short-lived link): never cached, since the link expires and the next
    /// call is authorized again, and never sniffed.
    /// </summary>
    public static IActionResult Found(Uri location)
    {
        var result = new ApiJsonResult(StatusCodes.Status302Found, null);
        result.Headers["Location"] = location.AbsoluteUri;
        result.Headers["Cache-Control"] = "no-store";
        result.Headers["X-Content-Type-Options"] = "nosniff";
        return result;
    }

    public static IActionResult NoContent() => new ApiJsonResult(StatusCodes.Status204NoContent, null);

    /// <summary>202 without a body: taken on, the outcome is not told (a reset link, for instance).</summary>
    public static IActionResult Accepted() => new ApiJsonResult(StatusCodes.Status202Accepted, null);

    public static IActionResult Accepted(object body) => new ApiJsonResult(StatusCodes.Status202Accepted, body);

    public static IActionResult Created(string location, object body, string? etag = null)
    {
        var result = new ApiJsonResult(StatusCodes.Status201Created, body);
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
