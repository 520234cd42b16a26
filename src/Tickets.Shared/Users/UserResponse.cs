namespace Tickets.Users;

/// <summary>The <c>{user}</c> body of registration and of <c>/me</c>.</summary>
public sealed record UserResponse(UserView User);
