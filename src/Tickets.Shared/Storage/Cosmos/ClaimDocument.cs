namespace Tickets.Storage.Cosmos;

/// <summary>Holds an e-mail or DNI for one user; its id is the normalised value, so a second create of it is a 409.</summary>
internal sealed record ClaimDocument(string Id, string Type, string UserId);
