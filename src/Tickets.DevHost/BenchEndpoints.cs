using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tickets.DevHost;

/// <summary>
/// What the benchmark (bench/) needs inside the local host, mapped only when <c>DevHost:Bench</c> is true: a bare
/// endpoint through the same Kestrel and routing (the in-pipeline ceiling) and the process's allocation, CPU and
/// memory counters, read before and after each load run. Never mapped otherwise, and never part of the Functions app.
/// </summary>
public static class BenchEndpoints
{
    public const string EnabledKey = "DevHost:Bench";

    /// <summary>A precomputed JSON answer of about 1 KB; the bench's separate minimal Kestrel app answers the same bytes.</summary>
    public static ReadOnlyMemory<byte> BarePayload { get; } = CreatePayload();

    public static void MapBenchEndpoints(this WebApplication app)
    {
        app.MapGet("/bench/bare", WriteBareAsync);
        app.MapGet("/bench/counters", WriteCountersAsync);
    }

    public static Task WriteBareAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = BarePayload.Length;
        return http.Response.Body.WriteAsync(BarePayload).AsTask();
    }

    /// <summary>
    /// Bytes allocated by every thread since start (exact, not sampled), CPU time used, time spent compiling (tiered JIT),
    /// collections and memory now.
    /// </summary>
    public static Task WriteCountersAsync(HttpContext http)
    {
        using var process = Process.GetCurrentProcess();
        return http.Response.WriteAsJsonAsync(new
        {
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: true),
            cpuMicroseconds = (long)process.TotalProcessorTime.TotalMicroseconds,
            jitMicroseconds = (long)System.Runtime.JitInfo.GetCompilationTime().TotalMicroseconds,
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
            workingSet = process.WorkingSet64,
            peakWorkingSet = process.PeakWorkingSet64,
        });
    }

    private static byte[] CreatePayload()
    {
        // Shaped like a list page: 1 KB of ordinary JSON, not a single long string.
        var items = Enumerable.Range(1, 8).Select(n => new
        {
            id = $"0198c3b1-{n:D4}-7000-8000-00000000{n:D4}",
            number = $"TCK-{n:D6}",
            title = $"Ticket de ejemplo {n}",
            status = "open",
            priority = "medium",
        });
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { items, nextCursor = (string?)null });
        Debug.Assert(Encoding.UTF8.GetString(bytes).Length is > 900 and < 1200);
        return bytes;
    }
}
