namespace Tickets.Tickets;

/// <summary>Who asked, copied onto the ticket when it is created (no joins on read).</summary>
public sealed record Requester(string Id, string Name, string Department);
