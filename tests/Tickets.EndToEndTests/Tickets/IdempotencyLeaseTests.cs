using Tickets.EndToEndTests.Security;
using static Tickets.EndToEndTests.Tickets.KeyedRequests;

namespace Tickets.EndToEndTests.Tickets;

/// <summary>The local host with a short Idempotency-Key lease, so a claim left unfinished lapses within a test.</summary>
public sealed class LeaseWorld : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    public LocalHost Host { get; } = new() { Settings = { ["Tickets:Idempotency:Lease"] = Lease.ToString("c") } };

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Keyed creates and comments whose client goes away mid-request (the connection closed at staggered moments, so some
/// are cut off before their claim, some between the claim and the write, some between the write and its record), then
/// retried with the same key and body: every key ends with exactly one ticket or comment, answered as made. Before
/// claims were leases, a request cut off after its write could leave its key claimed and unfinished for 24 h (every
/// retry a 409), or free it while the write went on (a second ticket on retry).
/// </summary>
public sealed class IdempotencyLeaseTests(LeaseWorld world) : IClassFixture<LeaseWorld>
{
    private const int Requests = 24;
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    /// <summary>Cut off after 1, 3, 5 … ms: spread over a keyed write's life on any machine, loaded or not.</summary>
    private static TimeSpan CutOff(int n) => TimeSpan.FromMilliseconds(1 + 2 * n);

    [Fact]
    public async Task KeyedCreatesCutOffByTheClientEachMakeExactlyOneTicketWhenRetried()
    {
        var (client, _, _) = await world.Host.NewUserAsync();
        var keys = Enumerable.Range(0, Requests).Select(n => (Key: Guid.NewGuid().ToString(), Title: $"Corte de red {n:00}")).ToList();
        Func<HttpRequestMessage> Request(int n) => () => Keyed("api/tickets", keys[n].Key, new { title = keys[n].Title, description = "Se cortó la conexión." });

        var cutOff = await Task.WhenAll(keys.Select((_, n) => SendAndCutOffAsync(client, Request(n), CutOff(n))));
        var answers = await Task.WhenAll(keys.Select((_, n) => RetryUntilDoneAsync(client, Request(n), LeaseWorld.Lease, RetryFor)));
        var again = await Task.WhenAll(keys.Select((_, n) => RetryUntilDoneAsync(client, Request(n), LeaseWorld.Lease, RetryFor)));

        Assert.Contains(true, cutOff);
        var stored = await LoadCheck.AllAsync(client, "api/tickets?limit=100");
        Assert.Equal(keys.Select(k => k.Title).Order(), stored.Select(t => t.Str("title")).Order());
        Assert.Equal(stored.Select(t => t.Id()).Order(), answers.Select(a => a.Id()).Order());
        Assert.Equal(answers.Select(a => a.Id()), again.Select(a => a.Id()));
    }

    [Fact]
    public async Task KeyedCommentsCutOffByTheClientEachMakeExactlyOneCommentWhenRetried()
    {
        var (client, _, _) = await world.Host.NewUserAsync();
        var ticket = await client.CreateTicketAsync("Comentarios con cortes");
        var keys = Enumerable.Range(0, Requests).Select(n => (Key: Guid.NewGuid().ToString(), Body: $"Sigue sin red ({n:00}).")).ToList();
        Func<HttpRequestMessage> Request(int n) => () => Keyed($"api/tickets/{ticket.Id()}/comments", keys[n].Key, new { body = keys[n].Body });

        var cutOff = await Task.WhenAll(keys.Select((_, n) => SendAndCutOffAsync(client, Request(n), CutOff(n))));
        var answers = await Task.WhenAll(keys.Select((_, n) => RetryUntilDoneAsync(client, Request(n), LeaseWorld.Lease, RetryFor)));
        var again = await Task.WhenAll(keys.Select((_, n) => RetryUntilDoneAsync(client, Request(n), LeaseWorld.Lease, RetryFor)));

        Assert.Contains(true, cutOff);
        var stored = await LoadCheck.AllAsync(client, $"api/tickets/{ticket.Id()}/comments?limit=100");
        Assert.Equal(keys.Select(k => k.Body).Order(), stored.Select(c => c.Str("body")).Order());
        Assert.Equal(stored.Select(c => c.Id()).Order(), answers.Select(a => a.Id()).Order());
        Assert.Equal(answers.Select(a => a.Id()), again.Select(a => a.Id()));
        Assert.Equal(Requests, (await client.GetTicketAsync(ticket.Id())).GetProperty("commentCount").GetInt32());
    }
}
