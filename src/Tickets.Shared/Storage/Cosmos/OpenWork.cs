namespace Tickets.Storage.Cosmos;

/// <summary>An open ticket's assignee (null: the unassigned queue), projected by the load queries.</summary>
internal sealed record OpenWork(string? AssigneeId, string? AssigneeName);
