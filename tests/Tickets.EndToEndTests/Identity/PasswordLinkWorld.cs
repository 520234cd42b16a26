using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tickets.EndToEndTests.Services;

namespace Tickets.EndToEndTests.Identity;

/// <summary>
/// A local host with its own Azurite and SMTP sink, polling its queues every half second, so a set-password e-mail can
/// be read from the sink within a second or two; <see cref="LinkLifetime"/> sets how long links work.
/// </summary>
public class PasswordLinkWorld : IAsyncLifetime
{
    public const string PublicUrl = "https://tickets.example.org";

    public LocalHost Host { get; } = new()
    {
        WithSmtpSink = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.500", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    protected virtual string? LinkLifetime => null;

    /// <summary>Whether <c>POST /auth/register</c> waits for the e-mailed link (off here, as in every test host, unless a world turns it on).</summary>
    protected virtual bool VerifyRegistrations => false;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:PublicUrl"] = PublicUrl;
        if (LinkLifetime is { } lifetime) Host.Settings["Tickets:PasswordReset:Lifetime"] = lifetime;
        Host.Settings["Tickets:Registration:VerifyEmail"] = VerifyRegistrations ? "true" : "false";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    public Task<HttpResponseMessage> ForgotAsync(string email) =>
        Host.Client().PostAsJsonAsync("api/auth/password/forgot", new { email });

    public Task<HttpResponseMessage> ResetAsync(string token, string newPassword) =>
        Host.Client().PostAsJsonAsync("api/auth/password/reset", new { token, newPassword });

    /// <summary>Waits for the next set-password e-mail to <paramref name="email"/> (after <paramref name="seen"/> of them) and returns it with its link's secret.</summary>
    public async Task<(ReceivedMail Mail, string Token)> LinkMailAsync(string email, int seen = 0)
    {
        var mail = await Eventually.Until(
            async () => (await Host.Mail.MailsAsync()).Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList(),
            mails => mails.Count > seen, $"e-mailed a set-password link to {email}");
        var text = mail[seen].Text;
        var link = Regex.Match(text, Regex.Escape(PublicUrl + "/reset-password?token=") + @"(\S+)");
        Assert.True(link.Success, "The e-mail has no set-password link: " + text);
        return (mail[seen], Uri.UnescapeDataString(link.Groups[1].Value));
    }

    public async Task<JsonElement> SignInAsync(string email, string password) =>
        await (await Host.Client().PostAsJsonAsync("api/auth/login", new { email, password })).JsonAsync();
}

/// <summary>Links that expire three seconds after they are made.</summary>
public sealed class ShortLivedLinkWorld : PasswordLinkWorld
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    protected override string LinkLifetime => "00:00:03";
}

/// <summary>Registration as it runs by default: every sign-up waits for its e-mailed link.</summary>
public sealed class VerifiedRegistrationWorld : PasswordLinkWorld
{
    protected override bool VerifyRegistrations => true;
}
