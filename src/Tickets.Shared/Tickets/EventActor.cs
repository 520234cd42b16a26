namespace Tickets.Tickets;

/// <summary>The actor as history shows it; null there means the system.</summary>
public sealed record EventActor(string Id, string Name);
