namespace Tickets.CosmosDbServer.Batch;

/// <summary>What one operation answered, as the SDK reads it back from the batch response.</summary>
internal sealed record BatchOperationResult(int StatusCode, int SubStatusCode = 0, string? ETag = null, byte[]? Body = null, double RequestCharge = 0)
{
    /// <summary>The answer of every operation the failed one took down with it (Cosmos' 424 Failed Dependency).</summary>
    public static BatchOperationResult FailedDependency { get; } = new(424);

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
