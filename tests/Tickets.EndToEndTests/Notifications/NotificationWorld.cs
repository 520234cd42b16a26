using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Notifications;

/// <summary>
/// A local host with its own Azurite and SMTP sink, queue settings that retry in a second and poison after two tries,
/// and an outbox relay that runs every second — so each notification rule can be watched end to end in seconds.
/// </summary>
public sealed class NotificationWorld : IAsyncLifetime
{
    public LocalHost Host { get; } = new()
    {
        WithSmtpSink = true,
        QueueSettings = """{ "visibilityTimeout": "00:00:01", "maxDequeueCount": 2, "maxPollingInterval": "00:00:00.500", "batchSize": 16, "newBatchThreshold": 8, "messageEncoding": "base64" }""",
    };

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.Settings["Tickets:Outbox:RelaySchedule"] = "* * * * * *";
        Host.Settings["Tickets:Outbox:RelayAfter"] = "00:00:01";
        Host.Settings["Tickets:Outbox:SendTimeout"] = "00:00:01";
        Host.Settings["Tickets:PublicUrl"] = "https://tickets.example.org";
        await Host.InitializeAsync();
        Admin = await Host.AdminAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();

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
