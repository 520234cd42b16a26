using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Tickets.EndToEndTests.Services;
using Tickets.EndToEndTests.Tickets;
using static Tickets.EndToEndTests.Tickets.KeyedRequests;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// The local host killed (SIGKILL) while keyed creates are in flight, some with their Idempotency-Key claimed and not
/// finished (the database file is read between the kill and the restart to make sure), then started again: every key,
/// retried with its body, ends with exactly one ticket. Before claims were leases, a key claimed by a request the kill
/// cut short stayed blocked for 24 h (every retry a 409 request_in_progress).
/// </summary>
/// <remarks>SQLite pass only, as <see cref="CrashTests"/>: the host runs as its own process and its file is read after the kill.</remarks>
public sealed class IdempotencyCrashTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    /// <summary>Kills tried until one leaves a claim unfinished.</summary>
    private const int Kills = 5;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tickets-e2e", "idem-crash-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess _queues = null!;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _queues = await AzuriteProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await _queues.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is left to the OS temp cleaner.
        }
    }

    private string Database => Path.Combine(_data, "tickets.db");

    private Task<HostProcess> StartHostAsync() => HostProcess.StartAsync(_data,
    [
        "--Tickets:DemoData=true",
        "--Logging:LogLevel:Default=Warning",
        $"--Tickets:Sqlite:Path={Database}",
        $"--DevHost:WebRoot={Path.Combine(_data, "no-web")}",
        $"--Tickets:Queues:Connection={_queues.ConnectionString}",
        $"--Tickets:Idempotency:Lease={Lease:c}",
    ]);

    [SqlitePassFact]
    public async Task AfterSigkillWithKeyedCreatesInFlightEveryKeyRetriedMakesExactlyOneTicket()
    {
        var sent = new ConcurrentDictionary<string, string>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        HttpRequestMessage Create(string key) => Keyed("api/tickets", key, new { title = sent[key], description = "Creado justo antes de la caída." });

        // A kill lands between requests' claims and their answers only some of the time: the host is started, loaded and
        // killed again (on the same database) until one kill has left a claim unfinished, or the attempts run out.
        var unfinished = 0L;
        for (var attempt = 1; attempt <= Kills && unfinished == 0; attempt++)
        {
            _host = await StartHostAsync();
            var user = await _host.SignInAsync("user@tickets.local", "User123!demo");
            var before = acknowledged.Count;

            // Eight clients, each sending keyed creates one after another until the host dies under them.
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var key = Guid.NewGuid().ToString();
                    sent[key] = $"Caída {attempt}-{c}-{n:000}";
                    try
                    {
                        using var response = await user.SendAsync(Create(key));
                        if ((int)response.StatusCode == 201) acknowledged[key] = (await response.JsonAsync()).Id();
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Eventually.Until(() => acknowledged.Count - before, n => n >= 40, "40 keyed creates acknowledged", TimeSpan.FromSeconds(60));
            await _host.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            unfinished = await UnfinishedClaimsAsync();
        }

        Assert.True(unfinished > 0, $"No Idempotency-Key claim was in flight at any of {Kills} kills: nothing was proven; run again.");

        _host = await StartHostAsync();
        var again = await _host.SignInAsync("user@tickets.local", "User123!demo");
        var answers = new Dictionary<string, string>();
        foreach (var key in sent.Keys) answers[key] = (await RetryUntilDoneAsync(again, () => Create(key), Lease, TimeSpan.FromSeconds(60))).Id();

        var stored = (await LoadCheck.AllAsync(again, "api/tickets?limit=100")).Where(t => t.Str("title").StartsWith("Caída ", StringComparison.Ordinal)).ToList();
        Assert.Equal(sent.Values.Order(), stored.Select(t => t.Str("title")).Order());
        Assert.Equal(stored.Select(t => t.Id()).Order(), answers.Values.Order());
        foreach (var (key, id) in acknowledged) Assert.Equal(id, answers[key]);
    }

    /// <summary>Claims the kill left without a response (opened read-write: SQLite recovers its journal as the restarted host would).</summary>
    private async Task<long> UnfinishedClaimsAsync()
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM idempotency WHERE response IS NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
