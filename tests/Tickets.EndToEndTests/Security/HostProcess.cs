using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// The local host as a process of its own (the built <c>Tickets.DevHost.dll</c>, the same program <c>scripts/run.sh</c>
/// starts), so a test can kill it with SIGKILL — no shutdown, no flush, no finally — and start it again on the same data
/// folder. Its port is free and chosen by Kestrel; the address is read from the host's start-up banner.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static HostProcess()
    {
        // A test run that ends without disposing a host (a crash of the runner) does not leave it running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        };
    }

    private HostProcess(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the host printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the host with <paramref name="arguments"/> (<c>--Key=value</c>) and waits until it answers.</summary>
    public static async Task<HostProcess> StartAsync(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tickets.DevHost.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The banner that names the address is written at Information level by the host itself, not through logging.
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Running[process.Id] = process;
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(host._listening.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (started != host._listening.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The local host did not start within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{host.Output}");
        }

        host.BaseAddress = await host._listening.Task;
        using var client = host.Client();
        await Eventually.Until(async () => (await client.GetAsync("api/health")).IsSuccessStatusCode, ok => ok, "the host answering /api/health", StartTimeout);
        return host;
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        Running.TryRemove(_process.Id, out _);
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.JsonAsync()).Str("accessToken"));
        return client;
    }

    /// <summary>A client of this host carrying <paramref name="person"/>'s token (issued by an earlier run of the host on the same data).</summary>
    public Person Rebind(Person person)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = person.Client.DefaultRequestHeaders.Authorization;
        return person with { Client = client };
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (Banner().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups["address"].Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"api\s+(?<address>http://127\.0\.0\.1:\d+)/api/health")]
    private static partial Regex Banner();
}
