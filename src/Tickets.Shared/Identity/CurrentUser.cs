using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>
/// The caller of this invocation; scoped, filled once by the host's authorization step (worker middleware or
/// local host), read by functions and services.
/// </summary>
public sealed class CurrentUser
{
    private User? _user;

    public bool IsSignedIn => _user is not null;

    public User User => _user ?? throw new InvalidOperationException("No signed-in user for this invocation: the function is declared anonymous.");

    public string Id => User.Id;

    public Role Role => User.Role;

    public bool IsAdmin => _user?.Role == Role.Admin;

    public bool IsStaff => _user?.IsStaff == true;

    /// <summary>How this invocation's changes came in: <see cref="Channel.Email"/> when the e-mail channel acts for the sender.</summary>
    public Channel Channel { get; private set; } = Channel.Web;

    public void SignIn(User user, Channel channel = Channel.Web)
    {
        _user = user;
        Channel = channel;
    }
}
