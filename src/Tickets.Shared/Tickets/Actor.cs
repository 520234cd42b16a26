using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>The person doing something to a ticket.</summary>
public sealed record Actor(string Id, string Name, Role Role, string Department)
{
    /// <summary>How the change came in (history and comments say so when it was e-mail).</summary>
    public Channel Channel { get; init; } = Channel.Web;

    /// <summary>The channel as history and comments store it: null for the web (the default), so old records read the same.</summary>
    public Channel? ChannelMark => Channel == Channel.Web ? null : Channel;

    public bool IsStaff => Role is Role.Technician or Role.Admin;

    public bool IsAdmin => Role == Role.Admin;

    public static Actor Of(User user) => new(user.Id, user.FullName, user.Role, user.Department);

    /// <summary>The system itself (SLA checks, auto-close): history shows its events with no actor.</summary>
    public static Actor System { get; } = new("system", "Tickets", Role.Admin, "");

    public bool IsSystem => ReferenceEquals(this, System);
}
