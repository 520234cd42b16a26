using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tickets.Budgets;
using Tickets.Common;
using Tickets.Identity;
using Tickets.UnitTests.Fakes;

namespace Tickets.UnitTests.Budgets;

public sealed class RequestBudgetsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryRequestBudgetStore _store = new();

    private RequestBudgets Budgets(int requests = 600, int writes = 60, InMemoryRequestBudgetStore? store = null) =>
        new(store ?? _store, Options.Create(new LimitsOptions { RequestsPerUserPerMinute = requests, WritesPerUserPerMinute = writes }),
            _time, NullLogger<RequestBudgets>.Instance);

    private static async Task<List<BudgetSpend>> SpendAsync(RequestBudgets budgets, int times, string account = "alice", bool write = false)
    {
        var spends = new List<BudgetSpend>();
        for (var i = 0; i < times; i++) spends.Add(await budgets.SpendAsync(account, write, CancellationToken.None));
        return spends;
    }

    [Fact]
    public async Task AnInstanceTakesABlockFromTheStoreAndSpendsItWithoutAskingAgain()
    {
        var spends = await SpendAsync(Budgets(requests: 600), 60);

        Assert.All(spends, s => Assert.True(s.Granted));
        Assert.Equal([("budget:requests:alice", 60)], _store.Takes);
        Assert.Equal(599, spends[0].Remaining);
        Assert.Equal(540, spends[^1].Remaining);
    }

    [Fact]
    public async Task BlocksShrinkToOneAsTheWindowNearsItsQuota()
    {
        await SpendAsync(Budgets(requests: 100), 100);

        var blocks = _store.Takes.Select(t => t.Wanted).ToList();
        Assert.Equal(10, blocks[0]);
        Assert.Equal(1, blocks[^1]);
        Assert.True(blocks.SequenceEqual(blocks.OrderDescending()), string.Join(", ", blocks));
    }

    [Fact]
    public async Task BeyondTheQuotaARequestIsRefusedUntilTheMinuteEndsWithoutAskingTheStoreAgain()
    {
        var budgets = Budgets(requests: 20);
        await SpendAsync(budgets, 20);
        _time.Advance(TimeSpan.FromSeconds(45));
        var asked = _store.Takes.Count;

        var refused = await SpendAsync(budgets, 3);

        Assert.All(refused, s => Assert.False(s.Granted));
        Assert.Equal(asked + 1, _store.Takes.Count);
        Assert.Equal(new BudgetSpend(false, budgets.Requests, 0, TimeSpan.FromSeconds(15)), refused[0]);
    }

    [Fact]
    public async Task TheRefusalIsA429WithAStableCodeThePolicyAndRetryAfterTheEndOfTheMinute()
    {
        var budgets = Budgets(writes: 5);
        await SpendAsync(budgets, 5, write: true);
        _time.Advance(TimeSpan.FromSeconds(12.5));

        var refused = await budgets.SpendAsync("alice", write: true, CancellationToken.None);
        var error = RequestBudgets.Exceeded(refused);

        Assert.Equal((ErrorKind.TooManyRequests, "rate_limited"), (error.Kind, error.Code));
        Assert.Equal("writes", error.Extensions!["policy"]);
        Assert.Equal(TimeSpan.FromSeconds(47.5), error.RetryAfter);
    }

    [Fact]
    public async Task ANewMinuteRenewsTheBudgetAndForgetsTheEndedOnesState()
    {
        var budgets = Budgets(requests: 5);
        await SpendAsync(budgets, 5, "alice");
        await SpendAsync(budgets, 1, "bob");
        Assert.False((await budgets.SpendAsync("alice", false, CancellationToken.None)).Granted);

        _time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await budgets.SpendAsync("alice", false, CancellationToken.None);

        Assert.Equal(new BudgetSpend(true, budgets.Requests, 4, TimeSpan.FromMinutes(1)), renewed);
        Assert.Equal(1, budgets.Tracked);
    }

    [Fact]
    public async Task AWriteCountsAsARequestAndAsAWriteAndNamesThePolicyClosestToExhaustion()
    {
        var budgets = Budgets(requests: 600, writes: 60);

        var write = await budgets.SpendAsync("alice", write: true, CancellationToken.None);
        var read = await budgets.SpendAsync("alice", write: false, CancellationToken.None);

        Assert.Equal(("writes", 59L), (write.Policy.Name, write.Remaining));
        Assert.Equal(("requests", 598L), (read.Policy.Name, read.Remaining));
    }

    [Fact]
    public async Task ARequestRefusedByTheRequestBudgetSpendsNoWrite()
    {
        var budgets = Budgets(requests: 3, writes: 60);
        await SpendAsync(budgets, 3);

        var refused = await budgets.SpendAsync("alice", write: true, CancellationToken.None);

        Assert.Equal((false, "requests"), (refused.Granted, refused.Policy.Name));
        Assert.DoesNotContain(_store.Takes, t => t.Key.StartsWith("budget:writes:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneAccountsExhaustedBudgetLeavesAnotherAccountsAlone()
    {
        var budgets = Budgets(writes: 2);
        await SpendAsync(budgets, 3, "alice", write: true);

        var bob = await budgets.SpendAsync("bob", write: true, CancellationToken.None);

        Assert.True(bob.Granted);
    }

    [Fact]
    public async Task InstancesSharingAStoreNeverGrantMoreThanTheQuotaTogether()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => Budgets(requests: 50)).ToList();

        var spends = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Task.Run(async () => await instances[i % 3].SpendAsync("alice", false, CancellationToken.None))));

        Assert.Equal(50, spends.Count(s => s.Granted));
    }

    [Fact]
    public async Task ConcurrentRequestsOfOneAccountOnOneInstanceShareOneTripToTheStore()
    {
        var budgets = Budgets(requests: 600);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await budgets.SpendAsync("alice", false, CancellationToken.None))));

        Assert.Single(_store.Takes);
    }
}
