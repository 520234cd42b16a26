using System.Net.Http.Json;
using System.Text.Json;

namespace Tickets.EndToEndTests.Services;

/// <summary>
/// A real SMTP server that keeps what it receives (maildev from scripts/services), on free loopback ports, with its
/// REST API (<c>GET /email</c>) for tests to read the mail.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeTool _tool;
    private readonly HttpClient _web;
    private readonly string _mailDirectory;

    private SmtpSink(NodeTool tool, int smtpPort, Uri webAddress, string mailDirectory)
    {
        _tool = tool;
        SmtpPort = smtpPort;
        WebAddress = webAddress;
        _mailDirectory = mailDirectory;
        _web = new HttpClient { BaseAddress = webAddress };
    }

    /// <summary>For <c>Tickets:Smtp:Port</c> (host 127.0.0.1, no TLS, no credentials).</summary>
    public int SmtpPort { get; }

    /// <summary>The web inbox and its REST API.</summary>
    public Uri WebAddress { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        // maildev cannot be told to pick its own ports, so free ones are chosen here; another process may take one
        // in between, in which case maildev exits and the next attempt picks others.
        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var smtpPort = NodeTool.FreePort();
            var webPort = NodeTool.FreePort();
            if (smtpPort == webPort) continue;

            var mailDirectory = Directory.CreateTempSubdirectory("tickets-mail-").FullName;
            var tool = NodeTool.Start(
                Path.Combine("maildev", "bin", "maildev"),
                ["--ip", "127.0.0.1", "--smtp", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--web", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mail-directory", mailDirectory],
                mailDirectory);
            var sink = new SmtpSink(tool, smtpPort, new Uri($"http://127.0.0.1:{webPort}/"), mailDirectory);
            if (await sink.AnswersAsync()) return sink;

            failures.Add(tool.Output);
            await sink.DisposeAsync();
        }

        throw new InvalidOperationException($"maildev did not start:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Every mail received so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync()
    {
        var mails = await _web.GetFromJsonAsync<JsonElement>("email");
        return mails.EnumerateArray().Select(Parse).ToList();
    }

    /// <summary>Waits until a mail matching <paramref name="match"/> arrives.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(Func<ReceivedMail, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var mails = await MailsAsync();
            if (mails.FirstOrDefault(match) is { } mail) return mail;
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"No matching mail within {timeout ?? TimeSpan.FromSeconds(15)}; received: " +
                    string.Join("; ", mails.Select(m => $"'{m.Subject}' to {string.Join(",", m.To)}")));
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        await _tool.DisposeAsync();
        try
        {
            Directory.Delete(_mailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }

    private async Task<bool> AnswersAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!timeout.IsCancellationRequested && !_tool.HasExited)
        {
            try
            {
                using var response = await _web.GetAsync("email", timeout.Token);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return false;
    }

    private static ReceivedMail Parse(JsonElement mail) => new(
        Text(mail, "subject"),
        Addresses(mail, "from"),
        Addresses(mail, "to"),
        Text(mail, "text"),
        Text(mail, "html"))
    {
        Headers = mail.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            ? headers.EnumerateObject().ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString()! : h.Value.GetRawText())
            : [],
    };

    private static string Text(JsonElement mail, string property) =>
        mail.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static List<string> Addresses(JsonElement mail, string property) =>
        mail.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.TryGetProperty("address", out var address) ? address.GetString() ?? "" : "").ToList()
            : [];
}
