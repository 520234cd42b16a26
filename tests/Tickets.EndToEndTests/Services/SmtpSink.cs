using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Tickets.EndToEndTests.Services;

/// <summary>
/// The local mail server (smtp4dev, from the repository's .NET tool manifest) on free loopback ports: it keeps what the
/// host sends (<see cref="MailsAsync"/>, read through its REST API and parsed with MimeKit), catches mail to the support
/// address in the mailbox <see cref="SupportMailbox"/>, which <see cref="ImapUser"/> reads over IMAP as its INBOX (what
/// the host's <c>Tickets:Inbound:Imap</c> polls), and takes mail from tests over SMTP (<see cref="SendAsync"/>).
/// A start takes about ten seconds: one per test class.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>The support address the mailbox catches (and the host's <c>Tickets:Mail:SupportAddress</c> in tests that read it).</summary>
    public const string SupportAddress = "soporte@tickets.local";

    public const string SupportMailbox = "Support";

    public const string ImapUser = "soporte";

    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly NodeTool _tool;
    private readonly HttpClient _web;
    private readonly string _dataDirectory;
    private readonly ConcurrentDictionary<string, ReceivedMail> _parsed = new();

    private SmtpSink(NodeTool tool, int smtpPort, int imapPort, Uri webAddress, string password, string dataDirectory)
    {
        _tool = tool;
        SmtpPort = smtpPort;
        ImapPort = imapPort;
        WebAddress = webAddress;
        ImapPassword = password;
        _dataDirectory = dataDirectory;
        _web = new HttpClient { BaseAddress = webAddress };
    }

    /// <summary>For <c>Tickets:Smtp:Port</c> (host 127.0.0.1, no TLS, no credentials).</summary>
    public int SmtpPort { get; }

    /// <summary>For <c>Tickets:Inbound:Imap:Host</c> (no TLS).</summary>
    public string ImapHost => "127.0.0.1";

    public int ImapPort { get; }

    public string ImapPassword { get; }

    /// <summary>The web inbox and its REST API.</summary>
    public Uri WebAddress { get; }

    /// <summary>The host's IMAP settings for this server's support mailbox, polled every <paramref name="schedule"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> InboundSettings(string schedule = "*/2 * * * * *") =>
    [
        new("Tickets:Inbound:Imap:Host", ImapHost),
        new("Tickets:Inbound:Imap:Port", ImapPort.ToString(CultureInfo.InvariantCulture)),
        new("Tickets:Inbound:Imap:UseTls", "false"),
        new("Tickets:Inbound:Imap:UserName", ImapUser),
        new("Tickets:Inbound:Imap:Password", ImapPassword),
        new("Tickets:Inbound:PollSchedule", schedule),
    ];

    public static async Task<SmtpSink> StartAsync()
    {
        // Free ports are chosen here; another process may take one in between, in which case smtp4dev exits and the next
        // attempt picks others.
        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            int[] ports = [NodeTool.FreePort(), NodeTool.FreePort(), NodeTool.FreePort(), NodeTool.FreePort()];
            if (ports.Distinct().Count() != ports.Length) continue;
            var (smtp, imap, pop3, web) = (ports[0], ports[1], ports[2], ports[3]);

            var dataDirectory = Directory.CreateTempSubdirectory("tickets-mail-").FullName;
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
            var tool = NodeTool.StartDotnetTool("smtp4dev",
                [$"--urls=http://127.0.0.1:{Port(web)}", $"--smtpport={Port(smtp)}", $"--imapport={Port(imap)}", $"--pop3port={Port(pop3)}",
                 "--db=", "--nousersettings", "--hostname=localhost", $"--baseappdatapath={dataDirectory}",
                 $"--mailbox={SupportMailbox}={ImapUser}@*"],
                // The IMAP user reads the support mailbox as its INBOX: its default mailbox, which the command line cannot set.
                new Dictionary<string, string>
                {
                    ["ServerOptions__Users__0__Username"] = ImapUser,
                    ["ServerOptions__Users__0__Password"] = password,
                    ["ServerOptions__Users__0__DefaultMailbox"] = SupportMailbox,
                });
            var sink = new SmtpSink(tool, smtp, imap, new Uri($"http://127.0.0.1:{Port(web)}/"), password, dataDirectory);
            if (await sink.AnswersAsync()) return sink;

            failures.Add(tool.Output);
            await sink.DisposeAsync();
        }

        throw new InvalidOperationException($"smtp4dev did not start:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Every mail received so far, in every mailbox, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync()
    {
        var mailboxes = await _web.GetFromJsonAsync<JsonElement>("api/mailboxes");
        var listed = new List<(string Id, DateTimeOffset At)>();
        foreach (var mailbox in mailboxes.EnumerateArray())
        {
            var name = Uri.EscapeDataString(mailbox.GetProperty("name").GetString()!);
            var page = await _web.GetFromJsonAsync<JsonElement>($"api/messages?mailboxName={name}&pageSize=10000");
            listed.AddRange(page.GetProperty("results").EnumerateArray()
                .Select(m => (m.GetProperty("id").GetString()!, m.GetProperty("receivedDate").GetDateTimeOffset())));
        }

        var mails = new List<ReceivedMail>();
        foreach (var (id, _) in listed.OrderBy(m => m.At))
        {
            if (!_parsed.TryGetValue(id, out var mail))
            {
                await using var raw = await _web.GetStreamAsync($"api/messages/{id}/raw");
                mail = _parsed[id] = Parse(await MimeMessage.LoadAsync(raw));
            }

            mails.Add(mail);
        }

        return mails;
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

    /// <summary>Sends <paramref name="message"/> to this server over SMTP, as a person's mail client would.</summary>
    public async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        await _tool.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
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
                // The web API listens last, after SMTP and IMAP.
                using var response = await _web.GetAsync("api/mailboxes", timeout.Token);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return false;
    }

    private static ReceivedMail Parse(MimeMessage message) => new(
        message.Subject ?? "",
        [.. message.From.Mailboxes.Select(m => m.Address)],
        [.. message.To.Mailboxes.Select(m => m.Address)],
        message.TextBody ?? "",
        message.HtmlBody ?? "")
    {
        Headers = message.Headers.GroupBy(h => h.Field.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Value),
        Message = message,
    };
}
