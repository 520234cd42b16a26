using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MimeKit;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;
using Tickets.Inbound;

namespace Tickets.EndToEndTests.Inbound;

/// <summary>
/// A host whose support mailbox is the test mail server's (polled over IMAP every 2 s), whose webhook has a secret, whose
/// queues retry fast (a message that fails twice is poison), and that e-mails each notification at once.
/// </summary>
public sealed class InboundMailWorld : IAsyncLifetime
{
    public const string Secret = "a-webhook-secret-of-the-tests-0123456789";

    public LocalHost Host { get; } = new()
    {
        WithMailbox = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.250" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Inbound:WebhookSecret"] = Secret;
        Host.Settings["Tickets:Notifications:CoalesceSeconds"] = "0";
        Host.Settings["Tickets:PublicUrl"] = "https://tickets.example.org";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>What the inbound tests do: write mail as people do, post it to the webhook, and read what it became.</summary>
public static class InboundMail
{
    /// <summary>A plain mail from <paramref name="from"/> to the support address, with a Message-ID of its own.</summary>
    public static MimeMessage Mail(string from, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(SmtpSink.SupportAddress));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.org");
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Posts <paramref name="body"/> to the webhook, signed with <paramref name="secret"/> at <paramref name="at"/> (now unless given).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string secret = InboundMailWorld.Secret, DateTimeOffset? at = null, string? signature = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/email") { Content = content };
        request.Headers.Add(InboundWebhook.TimestampHeader, timestamp);
        request.Headers.Add(InboundWebhook.SignatureHeader, signature ?? InboundWebhook.Sign(secret, timestamp, body));
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> StatusAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("api/inbound/status");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Waits until the channel has processed a message with this subject, and answers its record as admins see it.</summary>
    public static async Task<JsonElement> ProcessedAsync(HttpClient admin, string subject, TimeSpan? timeout = null)
    {
        async Task<JsonElement[]> Matching() =>
            [.. (await StatusAsync(admin)).GetProperty("recent").EnumerateArray().Where(r => r.Str("subject") == subject)];
        var found = await Eventually.Until(Matching, r => r.Length > 0, $"'{subject}' processed", timeout ?? TimeSpan.FromSeconds(45));
        return found[0];
    }

    /// <summary>The tickets <paramref name="client"/> sees with this title.</summary>
    public static async Task<List<JsonElement>> TicketsTitledAsync(HttpClient client, string title)
    {
        var page = await (await client.GetAsync($"api/tickets?q={Uri.EscapeDataString(title)}&limit=100")).JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Where(t => t.Str("title") == title)];
    }

    public static async Task<List<JsonElement>> CommentsAsync(HttpClient client, string ticketId) =>
        [.. (await (await client.GetAsync($"api/tickets/{ticketId}/comments")).JsonAsync()).GetProperty("items").EnumerateArray()];

    public static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..8]}";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The ticket's title as its creator saw it: a shortcut for a ticket made through the API.</summary>
    public static Task<JsonElement> TicketAsync(Person person, string title) => person.Client.CreateTicketAsync(title);
}
