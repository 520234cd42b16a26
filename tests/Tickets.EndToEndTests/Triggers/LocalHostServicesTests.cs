using System.Net.Http.Json;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>The local host with its own queue service and SMTP sink, as the end-to-end tests get it.</summary>
public sealed class LocalHostServicesTests : IAsyncLifetime
{
    private readonly LocalHost _host = new() { WithSmtpSink = true };

    // Notification e-mails go out at once here; coalescing has its own tests (NotificationEmailTests).
    public LocalHostServicesTests() => _host.Settings["Tickets:Notifications:CoalesceSeconds"] = "0";

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task TheHostCreatesTheQueuesAndTheirPoisonQueuesAtStart()
    {
        var missing = await Eventually.Until(
            async () => (await Task.WhenAll(QueueNames.All.Select(async q => (q, await _host.Queues.Queue(q).ExistsAsync())))).Where(r => !r.Item2).Select(r => r.q).ToList(),
            m => m.Count == 0, "all created");

        Assert.Empty(missing);
    }

    [Fact]
    public async Task MailTheHostSendsReachesItsSmtpSink()
    {
        var user = await _host.UserAsync();
        var created = await user.PostAsJsonAsync("api/tickets", new { title = "Sin correo", description = "No llegan los correos." });
        created.EnsureSuccessStatusCode();

        var mail = await _host.Mail.WaitForMailAsync(m => m.To.Contains("admin@tickets.local") && m.Text.Contains("Sin correo", StringComparison.Ordinal));

        Assert.NotEmpty(mail.Subject);
    }
}
