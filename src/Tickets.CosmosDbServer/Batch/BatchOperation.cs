namespace Tickets.CosmosDbServer.Batch;

/// <summary>The kinds of operation a transactional batch carries, with the numbers the SDK writes on the wire.</summary>
internal enum BatchOperationKind
{
    Create = 0,
    Patch = 1,
    Read = 2,
    Delete = 4,
    Replace = 5,
    Upsert = 20,
}

/// <summary>
/// One operation of a transactional batch as the SDK encodes it. <paramref name="Id"/> is only on the wire for reads,
/// replaces, deletes and patches; creates and upserts carry it in their body.
/// </summary>
internal sealed record BatchOperation(
    int Index,
    int OperationType,
    string? Id,
    byte[]? Body,
    string? PartitionKeyJson,
    string? IfMatch,
    string? IfNoneMatch,
    bool MinimalReturn)
{
    public BatchOperationKind? Kind => Enum.IsDefined(typeof(BatchOperationKind), OperationType) ? (BatchOperationKind)OperationType : null;

    /// <summary>The item this operation touches: the wire id, else the body's <c>id</c>.</summary>
    public string? ItemId => Id ?? BodyId();

    private string? BodyId()
    {
        if (Body is null or { Length: 0 }) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(Body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
