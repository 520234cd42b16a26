using System.Diagnostics;
using System.Globalization;

namespace Tickets.EndToEndTests.Bench;

/// <summary>Runs only where wrk is installed (bash bench/run.sh installs it); otherwise reported as skipped, saying so.</summary>
public sealed class WrkFactAttribute : FactAttribute
{
    public WrkFactAttribute()
    {
        var installed = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "wrk")));
        if (!installed) Skip = "wrk is not installed (apt-get install -y wrk; bash bench/run.sh installs it): the load bench's smoke run needs it";
    }
}

/// <summary>The load bench's driver works end to end on a tiny store; speed is never asserted here (bench/README.md).</summary>
public sealed class LoadBenchSmokeTests
{
    [WrkFact]
    public async Task DriverMeasuresBothCeilingsAndTheApiThroughWrk()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var driver = Path.Combine(root, "bench", "Tickets.Bench", "bin", configuration, "net10.0", "Tickets.Bench.dll");
        var table = Path.Combine(Path.GetTempPath(), $"tickets-bench-smoke-{Guid.NewGuid():N}.md");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { driver, "wrk", "--smoke", "--no-azurite", "--output", table }) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"The driver failed ({process.ExitCode}):\n{await output}\n{await error}");
        // The operations table: | tickets | operation | req/s | p50 | p99 | errors | alloc/req | CPU/req | vs minimal Kestrel | vs host bare |
        var rows = File.ReadAllLines(table).Select(l => l.Split('|'))
            .Where(c => c.Length == 12 && c[1].Trim() is [>= '0' and <= '9', ..]).ToList();
        File.Delete(table);
        string[] operations = ["bare: minimal Kestrel app", "bare: endpoint in the local host", "get ticket", "list: default (25, newest first)",
            "list: deep page (5 of 25) by cursor", "create ticket"];
        Assert.Equal(operations, rows.Select(r => r[2].Trim()));
        // Every operation answered without a single error; the reads were measured, with ratios to both ceilings.
        Assert.All(rows, r => Assert.Equal("0", r[6].Trim()));
        Assert.All(rows.Take(5), r => Assert.True(double.Parse(r[3], CultureInfo.InvariantCulture) > 0, string.Join("|", r)));
        Assert.All(rows, r => Assert.EndsWith(" µs", r[8].Trim()));
        Assert.All(rows, r => Assert.EndsWith("%", r[9].Trim()));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "TicketSystem.sln"))) return directory.FullName;
        throw new InvalidOperationException("TicketSystem.sln not found above the test's folder.");
    }
}
