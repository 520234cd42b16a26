using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tickets.Bench.Load;

/// <summary>What one wrk run measured.</summary>
/// <param name="ErrorStatus">One of the non-2xx statuses seen (0: none), to say what the errors were.</param>
public sealed record WrkResult(long Requests, double Seconds, long Errors, double P50Ms, double P99Ms, int ErrorStatus)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>Runs wrk (Debian's package) with a generated Lua script and reads the script's summary line.</summary>
public static partial class Wrk
{
    public static bool IsInstalled() => Which("wrk") is not null;

    public static async Task<WrkResult> RunAsync(Uri target, string script, int seconds, int connections, int threads, string workDirectory)
    {
        var scriptPath = Path.Combine(workDirectory, $"load-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(scriptPath, script);
        try
        {
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", scriptPath, target.ToString() })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output;
            var summary = SummaryLine().Match(text);
            if (process.ExitCode != 0 || !summary.Success)
                throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {text} {await error}");

            long Value(string name) => long.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
            return new WrkResult(Value("requests"), Value("duration") / 1e6, Value("non2xx") + Value("socket"),
                Value("p50") / 1000.0, Value("p99") / 1000.0, (int)Value("status"));
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"BENCH requests=(?<requests>\d+) duration_us=(?<duration>\d+) non2xx=(?<non2xx>\d+) socket=(?<socket>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+) status=(?<status>\d+)")]
    private static partial Regex SummaryLine();
}
