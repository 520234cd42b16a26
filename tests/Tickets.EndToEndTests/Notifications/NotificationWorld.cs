using System.Text.Json;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>
/// A local host with its own Azurite and SMTP sink, queue settings that retry in a second and poison after two tries,
/// and an outbox relay that runs every second — so each notification rule can be watched end to end in seconds. Each
/// notification is e-mailed at once (no coalescing) unless a subclass gives a window.
/// </summary>
public class NotificationWorld : IAsyncLifetime
{
    public LocalHost Host { get; } = new()
    {
        WithSmtpSink = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.500", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    /// <summary><c>Tickets:Notifications:CoalesceSeconds</c> of this host.</summary>
    protected virtual int CoalesceSeconds => 0;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Outbox:RelaySchedule"] = "* * * * * *";
        Host.Settings["Tickets:Outbox:RelayAfter"] = "00:00:01";
        Host.Settings["Tickets:Outbox:SendTimeout"] = "00:00:01";
        Host.Settings["Tickets:PublicUrl"] = "https://tickets.example.org";
        Host.Settings["Tickets:Notifications:CoalesceSeconds"] = CoalesceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Host.Settings["Tickets:Mail:FromName"] = "Soporte Ejemplo";
        Host.Settings["Tickets:Mail:SupportAddress"] = "soporte@example.org";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    /// <summary>Every mail sent to <paramref name="person"/> about the ticket numbered <paramref name="number"/>.</summary>
    public async Task<List<ReceivedMail>> MailsAboutAsync(Person person, string number) =>
        [.. (await Host.Mail.MailsAsync()).Where(m => m.To.Any(to => to.Equals(person.Email, StringComparison.OrdinalIgnoreCase)) && m.Subject.Contains(number, StringComparison.Ordinal))];

    public Task<Person> NewPersonAsync(string role) => Host.NewPersonAsync(Admin, role);

    public static async Task<JsonElement> InboxAsync(HttpClient client, bool unreadOnly = false) =>
        await (await client.GetAsync($"api/notifications?limit=100{(unreadOnly ? "&unread=true" : "")}")).JsonAsync();

    /// <summary>Waits until the inbox holds a notification matching <paramref name="match"/>, and returns it.</summary>
    public static async Task<JsonElement> WaitForNotificationAsync(HttpClient client, Func<JsonElement, bool> match, string what) =>
        (await Eventually.Until(
            async () => (await InboxAsync(client)).GetProperty("items").EnumerateArray().Where(match).ToList(),
            found => found.Count > 0, what, TimeSpan.FromSeconds(30)))[0];

    public static bool About(JsonElement notification, string type, JsonElement ticket) =>
        notification.Str("type") == type && notification.Str("ticketId") == ticket.Id();
}
