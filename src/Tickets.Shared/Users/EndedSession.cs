
namespace Tickets.Users;

/// <summary>A signed-out session (refresh-token family) whose access tokens are refused until <see cref="Until"/>.</summary>
public sealed record EndedSession(string SessionId, DateTimeOffset Until);
