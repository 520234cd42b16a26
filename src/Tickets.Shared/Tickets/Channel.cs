namespace Tickets.Tickets;

/// <summary>How a change reached the help desk: the web or API (the default), or an e-mail the e-mail channel turned into it.</summary>
public enum Channel
{
    Web,
    Email,
}
