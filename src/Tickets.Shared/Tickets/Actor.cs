using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>The person doing something to a ticket.</summary>
public sealed record Actor(string Id, string Name, Role Role, string Department)
{
    public bool IsStaff => Role is Role.Technician or Role.Admin;

    public bool IsAdmin => Role == Role.Admin;

    public static Actor Of(User user) => new(user.Id, user.FullName, user.Role, user.Department);

    /// <summary>The system itself (SLA checks, auto-close): history shows its events with no actor.</summary>
    public static Actor System { get; } = new("system", "Tickets", Role.Admin, "");

    public bool IsSystem => ReferenceEquals(this, System);
}
