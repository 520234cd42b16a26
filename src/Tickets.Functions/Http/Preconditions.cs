using Microsoft.AspNetCore.Http;

namespace Tickets.Functions.Http;

/// <summary>Entity tags on the wire: quoted in <c>ETag</c>, read back from <c>If-Match</c> and <c>If-None-Match</c>.</summary>
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

    /// <summary>
    /// Whether <c>If-None-Match</c> names <paramref name="etag"/> (as sent in <c>ETag</c>, quoted, weak or strong), or is
    /// <c>*</c>: then a GET answers 304. The comparison is the weak one (RFC 9110 §13.1.2): <c>W/"x"</c> matches <c>"x"</c>.
    /// </summary>
    public static bool IfNoneMatch(this HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (header.Length == 0) return false;
        var wanted = Opaque(etag);
        foreach (var tag in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (tag == "*" || Opaque(tag).SequenceEqual(wanted)) return true;
        return false;
    }

    private static ReadOnlySpan<char> Opaque(string tag)
    {
        var span = tag.AsSpan().Trim();
        if (span.StartsWith("W/", StringComparison.Ordinal)) span = span[2..];
        return span.Trim('"');
    }
}
