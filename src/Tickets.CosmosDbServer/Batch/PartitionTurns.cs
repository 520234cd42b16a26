namespace Tickets.CosmosDbServer.Batch;

/// <summary>
/// Batches on one logical partition take turns, as they do inside Cosmos (one transaction per partition at a time).
/// Striped: a fixed set of locks shared by hash, so the memory does not grow with the number of partitions; two
/// partitions that share a stripe merely wait for each other. Within this process only: the test server is one
/// process serving one host (tests, the local host).
/// </summary>
internal static class PartitionTurns
{
    private static readonly SemaphoreSlim[] Stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public static async Task<T> TakeAsync<T>(string partition, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var stripe = Stripes[(uint)StringComparer.Ordinal.GetHashCode(partition) % Stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            stripe.Release();
        }
    }
}
