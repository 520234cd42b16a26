using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Tickets.EndToEndTests.Services;

/// <summary>
/// A service from <c>scripts/services</c> (npm, pinned by its package-lock.json) run as a child process of the test run:
/// started with node, stopped (or paused and resumed with SIGSTOP/SIGCONT) by process id, and killed if the test
/// run exits without disposing it.
/// </summary>
public sealed class NodeTool : IAsyncDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly StringWriter _output = new();
    private bool _disposed;

    static NodeTool()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try
                {
                    Resume(process.Id);
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        };
    }

    private NodeTool(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the tool printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Raised for each line the tool prints on stdout or stderr.</summary>
    public event Action<string>? Line;

    /// <summary>Starts <c>scripts/services/node_modules/&lt;script&gt;</c> with node.</summary>
    public static NodeTool Start(string script, IEnumerable<string> arguments, string workingDirectory)
    {
        var path = Path.Combine(ServicesFolder(), "node_modules", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{script} is not installed (looked for {path}): run 'bash scripts/services.sh install' " +
                "(scripts/test.sh and .ci/run do it), which runs npm ci in scripts/services.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (node) is not on PATH; the local services need Node.js 20 or later.", e);
        }

        return Track(process);
    }

    /// <summary>
    /// Starts a tool of the repository's .NET tool manifest (<c>dotnet tool run &lt;tool&gt; -- …</c>, from the repository
    /// root, where the manifest is found), tracked and stopped like a node service.
    /// </summary>
    public static NodeTool StartDotnetTool(string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["tool", "run", tool, "--", .. arguments]) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Track(Process.Start(start) ?? throw new InvalidOperationException($"dotnet tool run {tool} did not start."));
    }

    private static NodeTool Track(Process process)
    {
        var tool = new NodeTool(process);
        Running[process.Id] = process;
        process.OutputDataReceived += (_, e) => tool.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => tool.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>A port on the loopback interface that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Pauses the process (SIGSTOP): connections stay open and requests hang, as with a frozen service.</summary>
    public void Pause() => Signal(_process.Id, SigStop);

    /// <summary>Resumes a paused process (SIGCONT).</summary>
    public void Resume() => Resume(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Running.TryRemove(_process.Id, out _);
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.WriteLine(line);
        Line?.Invoke(line);
    }

    private static void Resume(int processId) => Signal(processId, SigCont);

    private static void Signal(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
            throw new InvalidOperationException($"Could not send signal {signal} to process {processId} (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>The folder with the pinned package.json of the local services, found from the repository root.</summary>
    private static string ServicesFolder() => Path.Combine(RepositoryRoot(), "scripts", "services");

    /// <summary>The folder holding TicketSystem.sln, above the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TicketSystem.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No TicketSystem.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
