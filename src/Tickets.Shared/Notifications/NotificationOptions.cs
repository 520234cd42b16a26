namespace Tickets.Notifications;

/// <summary><c>Tickets:PublicUrl</c>: the web front end's address, for the links in e-mail.</summary>
public sealed class PublicUrlOptions
{
    public string? PublicUrl { get; set; }

    public string TicketUrl(string number) => PageUrl($"/tickets/{number}");

    /// <summary>A page of the web front end, e.g. <c>/reset-password?token=…</c>.</summary>
    public string PageUrl(string pathAndQuery) => (PublicUrl ?? "http://localhost:7071").TrimEnd('/') + pathAndQuery;
}
