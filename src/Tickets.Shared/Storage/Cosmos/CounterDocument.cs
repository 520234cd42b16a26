namespace Tickets.Storage.Cosmos;

internal sealed record CounterDocument(string Id, long Value);
