using System.Diagnostics;

namespace Tickets.Bench;

/// <summary>Throughput and latency of one operation: a bounded closed loop of concurrent callers.</summary>
public sealed record Measurement(string Name, int Requests, int Errors, double PerSecond, double P50Ms, double P99Ms)
{
    public static async Task<Measurement> RunAsync(string name, Func<int, Task<bool>> call, TimeSpan duration, int concurrency)
    {
        // Warm-up: JIT, connection pools, SQLite page cache.
        for (var i = 0; i < 20; i++) await call(i);

        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var n = worker * 1_000_000;
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await call(n++);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(name, all.Length, errors, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
