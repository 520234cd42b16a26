using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Tickets.Attachments;

namespace Tickets.EndToEndTests.Services;

/// <summary>
/// An Azurite blob service of its own for one host: loopback, a free port chosen by Azurite itself, data in memory only.
/// Tests read the <c>attachments</c> container through it to see what was (or was not) kept.
/// </summary>
public sealed partial class AzuriteBlobProcess : IAsyncDisposable
{
    // Azurite's well-known development account (published in its documentation; not a secret).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeTool _tool;

    private AzuriteBlobProcess(NodeTool tool, int port)
    {
        _tool = tool;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";
        Attachments = new BlobServiceClient(ConnectionString).GetBlobContainerClient(BlobOptions.Container);
    }

    /// <summary>For <c>Tickets:Blobs:Connection</c>: a full connection string with <c>BlobEndpoint=</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The host's <c>attachments</c> container.</summary>
    public BlobContainerClient Attachments { get; }

    public static async Task<AzuriteBlobProcess> StartAsync()
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = NodeTool.Start(
            Path.Combine("azurite", "dist", "src", "blob", "main.js"),
            ["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--extentMemoryLimit", "256"],
            Path.GetTempPath());
        tool.Line += line =>
        {
            if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
        };
        if (Listening().Match(tool.Output) is { Success: true } early) listening.TrySetResult(int.Parse(early.Groups["port"].Value, CultureInfo.InvariantCulture));

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!listening.Task.IsCompleted)
        {
            if (tool.HasExited || timeout.IsCancellationRequested)
            {
                await tool.DisposeAsync();
                throw new InvalidOperationException($"Azurite's blob service did not start within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{tool.Output}");
            }

            await Task.WhenAny(listening.Task, Task.Delay(50));
        }

        return new AzuriteBlobProcess(tool, await listening.Task);
    }

    /// <summary>The names of the blobs in the container (none when it does not exist yet).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        if (!await Attachments.ExistsAsync()) return [];
        var names = new List<string>();
        await foreach (var blob in Attachments.GetBlobsAsync()) names.Add(blob.Name);
        return names;
    }

    public async Task<bool> ExistsAsync(string name) => (await Attachments.GetBlobClient(name).ExistsAsync()).Value;

    /// <summary>The blob's <c>attachment-state</c> index tag (what the container's lifecycle rule filters on).</summary>
    public async Task<string?> StateTagAsync(string name) =>
        (await Attachments.GetBlobClient(name).GetTagsAsync()).Value.Tags.TryGetValue("attachment-state", out var state) ? state : null;

    public ValueTask DisposeAsync() => _tool.DisposeAsync();

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
