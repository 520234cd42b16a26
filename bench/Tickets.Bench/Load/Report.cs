using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Tickets.Bench.Load;

/// <summary>One measured operation and its ratios to the two ceilings of the same store size.</summary>
public sealed class Row(string store, string name, WrkResult result, double allocatedPerRequest, double cpuPerRequest)
{
    public string Store { get; } = store;
    public string Name { get; } = name;
    public WrkResult Result { get; } = result;
    public double AllocatedPerRequest { get; } = allocatedPerRequest;

    /// <summary>CPU time (user and system, all threads) the serving process spent per request, in µs: what a request costs, however busy the machine.</summary>
    public double CpuPerRequest { get; } = cpuPerRequest;

    /// <summary>Throughput as a share of the minimal Kestrel app's, and of the local host's bare endpoint's.</summary>
    public double? Kestrel { get; private set; }
    public double? Pipeline { get; private set; }

    public void Compare(WrkResult kestrel, WrkResult pipeline)
    {
        Kestrel = Result.PerSecond / kestrel.PerSecond;
        Pipeline = Result.PerSecond / pipeline.PerSecond;
    }
}

public static class Report
{
    public const string Start = "<!-- bench:results -->";
    public const string End = "<!-- /bench:results -->";

    public static string Markdown(LoadOptions options, IReadOnlyList<Row> rows, IReadOnlyList<(int Size, long Current, long Peak)> memory,
        string[] loadBefore, string[] loadAfter)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Cpu()}), {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}; command `{options.Command}`: wrk -t{options.Threads} -c{options.Connections}, {options.Seconds} s per operation " +
            $"after warm-up runs of {options.WarmUpSeconds} s until the host stops compiling the operation; load average {string.Join(" ", loadBefore)} before, {string.Join(" ", loadAfter)} after.");
        text.AppendLine();
        text.AppendLine("| tickets | operation | req/s | p50 ms | p99 ms | errors | alloc/req | CPU/req | vs minimal Kestrel | vs host bare |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(c, $"| {r.Store} | {r.Name} | {r.Result.PerSecond:F0} | {r.Result.P50Ms:F2} | {r.Result.P99Ms:F2} | {Errors(r.Result)} | " +
                $"{Bytes(r.AllocatedPerRequest)} | {r.CpuPerRequest:F0} µs | {Percent(r.Kestrel)} | {Percent(r.Pipeline)} |");
        }

        text.AppendLine();
        text.AppendLine("| tickets | local host working set after the load | peak |");
        text.AppendLine("|---:|---:|---:|");
        foreach (var (size, current, peak) in memory)
            text.AppendLine(c, $"| {size:N0} | {current / 1048576.0:F0} MiB | {peak / 1048576.0:F0} MiB |");
        return text.ToString();
    }

    /// <summary>Replaces the results block of bench/README.md, leaving the explanations around it alone.</summary>
    public static void IntoReadme(string readme, string table)
    {
        var text = File.ReadAllText(readme);
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start) throw new InvalidOperationException($"{readme} has no {Start} … {End} block.");
        File.WriteAllText(readme, text[..(start + Start.Length)] + "\n" + table + text[end..]);
    }

    private static string Errors(WrkResult result) =>
        result.Errors == 0 ? "0" : result.ErrorStatus > 0 ? $"{result.Errors} (HTTP {result.ErrorStatus})" : $"{result.Errors} (socket)";

    private static string Percent(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "—";

    // Under server GC the runtime's allocation counter has been seen to read lower after a run than before it: no figure then.
    private static string Bytes(double bytes) =>
        bytes < 0 ? "n/a" : bytes >= 1024 ? (bytes / 1024).ToString("F1", CultureInfo.InvariantCulture) + " KB" : bytes.ToString("F0", CultureInfo.InvariantCulture) + " B";

    private static string Cpu() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
