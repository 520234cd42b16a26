using System.Diagnostics;
using System.Net.Sockets;

namespace Tickets.Bench.Load;

/// <summary>A process the bench started (the local host, the minimal app, Azurite); its output goes to a log file; ended on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string program, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var openStreams = 2;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);

        // A null line is the end of one stream; the log closes after the last line of both (not when the process exits,
        // which can come before its last lines have been read).
        void Receive(string? line)
        {
            lock (log)
            {
                if (line is not null) log.WriteLine(line);
                else if (--openStreams == 0) log.Dispose();
            }
        }
    }

    /// <summary>The resident set now and at its peak, from /proc (the working set the OS sees).</summary>
    public (long Current, long Peak) Memory()
    {
        long current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kilobytes(line);
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
        }

        return (current, peak);

        static long Kilobytes(string line) => long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="ready"/> holds, the process exits (an error naming its log) or the time is up.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what, string logFile)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{what} exited with {_process.ExitCode}; see {logFile}.");
            try
            {
                if (await ready()) return;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or Azure.RequestFailedException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} was not ready after {timeout.TotalSeconds:F0} s; see {logFile}.");
    }
}
