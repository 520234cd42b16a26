using Microsoft.AspNetCore.Http;

namespace Tickets.Functions.Http;

/// <summary>
/// The headers every response carries, in one place: the API's (set by the worker's gate middleware and the local host)
/// and the web's (set by the local host; <c>web/public/staticwebapp.config.json</c> carries <see cref="WebOverHttps"/>
/// for Azure, and a test holds the two equal).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Where attachments' images come from in Azure: thumbnails and the viewer load the storage account's short-lived
    /// read-only links (<c>GET /attachments/{id}/link</c>), since an <c>img</c> cannot send the bearer token.
    /// </summary>
    public const string BlobImages = "https://*.blob.core.windows.net";

    /// <summary>The web's policy: the built app loads only its own scripts, styles and fonts (images also from Blob Storage) and is never framed.</summary>
    public const string WebPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + BlobImages + "; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>An API answer is data, never a document: nothing in it may load, run or be framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Every response: no MIME sniffing, and no Referer leaving a page (reset and confirmation links carry tokens).</summary>
    private static readonly KeyValuePair<string, string>[] Common =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "no-referrer"),
    ];

    /// <summary>
    /// Every API answer: nothing cached (answers carry tokens and people's tickets; a shared cache or the browser's
    /// back button must not keep them).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Api { get; } = With(Common,
        new("Content-Security-Policy", ApiPolicy),
        new("Cache-Control", "no-store"));

    /// <summary>The web served over plain HTTP (the local host).</summary>
    public static IReadOnlyDictionary<string, string> Web { get; } = With(Common,
        new("Content-Security-Policy", WebPolicy),
        new("X-Frame-Options", "DENY"),
        new("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
        new("Cross-Origin-Opener-Policy", "same-origin"));

    /// <summary>The web over HTTPS (Azure Static Web Apps): also HSTS, and any stray http:// request upgraded.</summary>
    public static IReadOnlyDictionary<string, string> WebOverHttps { get; } = With(Web,
        new("Content-Security-Policy", WebPolicy + "; upgrade-insecure-requests"),
        new("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));

    /// <summary>
    /// The web's headers when attachments are served from another blob endpoint (Azurite on the local host): its origin
    /// may serve images too, nothing else.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WebWithImagesFrom(IReadOnlyDictionary<string, string> web, Uri blobEndpoint)
    {
        var origin = blobEndpoint.GetLeftPart(UriPartial.Authority);
        return With(web, new KeyValuePair<string, string>("Content-Security-Policy", web["Content-Security-Policy"].Replace(
            "img-src 'self' data: " + BlobImages, $"img-src 'self' data: {BlobImages} {origin}", StringComparison.Ordinal)));
    }

    /// <summary>Sets <paramref name="headers"/> on the response, replacing what was there.</summary>
    public static void Apply(HttpResponse response, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers) response.Headers[name] = value;
    }

    private static Dictionary<string, string> With(IEnumerable<KeyValuePair<string, string>> headers, params KeyValuePair<string, string>[] more)
    {
        var all = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in more) all[name] = value;
        return all;
    }
}
