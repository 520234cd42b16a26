namespace Tickets.Functions.Http;

/// <summary>Response headers a success carries.</summary>
[Flags]
public enum ResponseHeaders
{
    None = 0,

    /// <summary>Where the created resource can be read.</summary>
    Location = 1,

    /// <summary>The entity tag to send back in <c>If-Match</c>.</summary>
    ETag = 2,

    /// <summary>The answer is a file to save (<c>attachment</c>, with its name).</summary>
    ContentDisposition = 4,
}

/// <summary>
/// A success answer of an HTTP function: status, body type (none for 204; JSON unless <see cref="MediaType"/> says otherwise) and headers. Every HTTP function
/// declares at least one, beside <see cref="AccessAttribute"/>; the API document is built from them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ReturnsAttribute(int status, Type? body = null) : Attribute
{
    public int Status { get; } = status;

    public Type? Body { get; } = body;

    public ResponseHeaders Headers { get; init; }

    /// <summary>The body's media type when it is not JSON (a CSV file: <see cref="Body"/> is then <c>string</c>).</summary>
    public string? MediaType { get; init; }
}
