using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Services;

/// <summary>
/// An Azurite queue service of its own for one host or test: loopback, a free port chosen by Azurite itself, data in
/// memory only. Tests use it to put, peek and count raw messages, and to freeze it (SIGSTOP) and thaw it.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // Azurite's well-known development account (published in its documentation; not a secret).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeTool _tool;

    private AzuriteProcess(NodeTool tool, int port)
    {
        _tool = tool;
        Port = port;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};QueueEndpoint=http://127.0.0.1:{port}/{Account};";
        Client = new QueueServiceClient(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    public int Port { get; }

    /// <summary>For <c>Tickets:Queues:Connection</c>: a full connection string with <c>QueueEndpoint=</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>A client encoding bodies as the Functions host expects (Base64, host.json's messageEncoding).</summary>
    public QueueServiceClient Client { get; }

    public bool Frozen { get; private set; }

    /// <param name="port">A port to listen on (e.g. to bring back a stopped service where its clients expect it); by default a free one.</param>
    public static async Task<AzuriteProcess> StartAsync(int port = 0)
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = NodeTool.Start(
            Path.Combine("azurite", "dist", "src", "queue", "main.js"),
            ["--queueHost", "127.0.0.1", "--queuePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--extentMemoryLimit", "256"],
            Path.GetTempPath());
        tool.Line += line =>
        {
            if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        };
        // The first line may have been printed before the handler was attached.
        if (Listening().Match(tool.Output) is { Success: true } early) listening.TrySetResult(int.Parse(early.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!listening.Task.IsCompleted)
        {
            if (tool.HasExited || timeout.IsCancellationRequested)
            {
                await tool.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{tool.Output}");
            }

            await Task.WhenAny(listening.Task, Task.Delay(50));
        }

        return new AzuriteProcess(tool, await listening.Task);
    }

    public QueueClient Queue(string name) => Client.GetQueueClient(name);

    /// <summary>Puts a message as a sender would (creating the queue if needed); returns its id.</summary>
    public async Task<string> SendAsync(string queue, string body, TimeSpan? invisibleFor = null)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        return (await client.SendMessageAsync(body, visibilityTimeout: invisibleFor)).Value.MessageId;
    }

    /// <summary>The bodies of the visible messages (up to 32), without taking them.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Queue(queue);
        if (!await client.ExistsAsync()) return [];
        PeekedMessage[] messages = await client.PeekMessagesAsync(QueueClientMaxMessages);
        return messages.Select(m => m.Body.ToString()).ToList();
    }

    /// <summary>How many messages the queue holds, visible or not (0 when it does not exist).</summary>
    public async Task<int> CountAsync(string queue)
    {
        var client = Queue(queue);
        if (!await client.ExistsAsync()) return 0;
        return (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }

    public Task<int> PoisonCountAsync(string queue) => CountAsync(QueueNames.Poison(queue));

    /// <summary>Pauses Azurite (SIGSTOP): connections are accepted by the kernel but nothing answers until <see cref="Thaw"/>.</summary>
    public void Freeze()
    {
        _tool.Pause();
        Frozen = true;
    }

    public void Thaw()
    {
        _tool.Resume();
        Frozen = false;
    }

    public ValueTask DisposeAsync() => _tool.DisposeAsync();

    private const int QueueClientMaxMessages = 32;

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
