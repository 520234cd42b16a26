namespace Tickets.Functions.Http;

/// <summary>Request headers a function reads.</summary>
[Flags]
public enum RequestHeaders
{
    None = 0,

    /// <summary><c>If-Match</c>: the write applies only to this ETag (412 otherwise).</summary>
    IfMatch = 1,

    /// <summary><c>Idempotency-Key</c>: a retry with the same key and body returns the first answer.</summary>
    IdempotencyKey = 2,

    /// <summary><c>If-None-Match</c>: a GET whose answer still has this ETag answers 304 without a body.</summary>
    IfNoneMatch = 4,

    /// <summary><c>X-Tickets-Timestamp</c> and <c>X-Tickets-Signature</c>: a webhook's HMAC signature of its body (401 when stale or wrong).</summary>
    WebhookSignature = 8,
}

/// <summary>
/// What an HTTP function reads besides its route: the JSON body's type, the parameters record bound from the query
/// string, the headers it honours. Declared once beside <see cref="AccessAttribute"/>; the API document is built from
/// it and a test checks that the function reads exactly what it declares.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceptsAttribute : Attribute
{
    public AcceptsAttribute()
    {
    }

    public AcceptsAttribute(Type body) => Body = body;

    public Type? Body { get; }

    /// <summary>A record whose constructor parameters carry <see cref="Tickets.Common.QueryAttribute"/>; bound with <see cref="QueryBinding.QueryAs{T}"/>.</summary>
    public Type? Query { get; init; }

    public RequestHeaders Headers { get; init; }

    /// <summary>The body's media type when it is not JSON (<c>text/calendar</c>; then <see cref="Body"/> is <see cref="string"/>).</summary>
    public string? MediaType { get; init; }
}
