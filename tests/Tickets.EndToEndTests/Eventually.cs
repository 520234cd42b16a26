namespace Tickets.EndToEndTests;

/// <summary>Awaits a condition that asynchronous work (a queue trigger, a timer) makes true, instead of sleeping.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Probes until <paramref name="done"/> holds and returns that value; fails naming <paramref name="what"/> on time-out.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Still not {what} after {limit.TotalSeconds} s (last: {value}).");
            await Task.Delay(Interval);
        }
    }

    public static Task<T> Until<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(probe()), done, what, timeout);
}
