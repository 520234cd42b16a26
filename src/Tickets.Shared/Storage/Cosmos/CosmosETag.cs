namespace Tickets.Storage.Cosmos;

/// <summary>Cosmos ETags are quoted (<c>"0000…"</c>); the API quotes entity tags itself, so the stores hand them out bare.</summary>
internal static class CosmosETag
{
    public static string Unquote(string etag) => etag.Trim('"');

    public static string Quote(string etag) => $"\"{Unquote(etag)}\"";
}
