using Xunit.Abstractions;

namespace Tickets.EndToEndTests.Security;

/// <summary>
/// Sixteen clients — an admin, four technicians, eleven users — write as fast as the host answers for a bounded time
/// (<c>TICKETS_LOAD_SECONDS</c> for a longer run): no answer is a 5xx, and afterwards every acknowledged write is there
/// exactly once and every ticket's history tells the story of the ticket as it is. It runs alone (<see cref="AloneCollection"/>):
/// beside another class's load on the same two cores and the same local Cosmos server, a ticket's ten tries could
/// run out for the machine's sake, not the product's.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LocalHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task UnderConcurrentWritesNothingFailsAndEveryAcknowledgedWriteIsThereOnce()
    {
        var cast = await LoadCast.CreateAsync(await _host.AdminAsync(), _host.SignInAsync, technicians: 4, users: 11);
        var load = new WriteLoad(cast);
        var duration = WriteLoad.Duration(25);

        using (var stop = new CancellationTokenSource(duration)) await load.RunAsync(stop.Token);
        var findings = await LoadCheck.RunAsync(cast, load, exact: true);

        var figures = $"load on {HostStoreName()}: 16 clients for {duration.TotalSeconds:F0} s, {load.Requests} requests, " +
            $"{load.Acknowledged} writes acknowledged ({load.Tickets.Count} tickets, {load.AcknowledgedComments} comments); " +
            $"found {findings.Tickets} tickets, {findings.Comments} comments, {findings.Events} history events replayed; " +
            $"{load.ServerErrors} 5xx; answers: {load.StatusSummary}";
        output.WriteLine(figures);
        Console.WriteLine(figures);

        Assert.Equal(0, load.ServerErrors);
        Assert.True(load.Unexpected.Count == 0, string.Join(Environment.NewLine, load.Unexpected));
        Assert.Equal(0, load.Unanswered);
        Assert.True(findings.Problems.Count == 0, string.Join(Environment.NewLine, findings.Problems.Take(30)));
        // A load that wrote next to nothing proves nothing.
        Assert.True(load.Tickets.Count >= 20 && load.AcknowledgedComments >= 20, figures);
    }

    private static string HostStoreName() => HostStore.Current == HostStore.Sqlite ? "SQLite" : "Cosmos";
}
