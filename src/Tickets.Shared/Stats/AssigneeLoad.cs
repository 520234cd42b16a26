namespace Tickets.Stats;

/// <summary>Open tickets of one assignee; a null id is the unassigned queue.</summary>
public sealed record AssigneeLoad(string? AssigneeId, string? Name, long Open);
