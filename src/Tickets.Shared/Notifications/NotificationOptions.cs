namespace Tickets.Notifications;

/// <summary><c>Tickets:PublicUrl</c>: the web front end's address, for the links in e-mail.</summary>
public sealed class PublicUrlOptions
{
    public string? PublicUrl { get; set; }

    public string TicketUrl(string number) => $"{(PublicUrl ?? "http://localhost:7071").TrimEnd('/')}/tickets/{number}";
}
