using Microsoft.AspNetCore.Http;

namespace Tickets.Functions.Http;

/// <summary>Entity tags on the wire: quoted in <c>ETag</c>, read back from <c>If-Match</c>.</summary>
public static class Preconditions
{
    public static string Quote(string etag) => $"\"{etag}\"";

    /// <summary>The tag of <c>If-Match</c> without quotes or weak prefix, <c>*</c>, or null when absent.</summary>
    public static string? IfMatch(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return null;
        var first = header.Split(',', 2)[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal)) first = first[2..];
        return first.Trim('"');
    }
}
