using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>The comment author as shown: name and role copied at the time of writing.</summary>
public sealed record CommentAuthor(string Id, string Name, Role Role);
