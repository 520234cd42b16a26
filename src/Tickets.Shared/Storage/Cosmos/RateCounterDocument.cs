namespace Tickets.Storage.Cosmos;

/// <summary>Uses of one key in one fixed window; expires when the window is long gone.</summary>
internal sealed record RateCounterDocument
{
    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.RateCounter;
    public required string Key { get; init; }
    public required long Count { get; init; }
    public required int Ttl { get; init; }
}
