using Tickets.Budgets;

namespace Tickets.ContractTests;

public abstract class RequestBudgetStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private IRequestBudgetStore Budgets => Get<IRequestBudgetStore>();

    [StoreFact]
    public async Task ABlockThatFitsIsCountedWhole()
    {
        var window = Time.GetUtcNow();

        var first = await Budgets.TakeAsync("budget:requests:a", window, Minute, limit: 10, wanted: 3);
        var second = await Budgets.TakeAsync("budget:requests:a", window, Minute, limit: 10, wanted: 3);

        Assert.Equal([new BudgetTake(3, 3), new BudgetTake(3, 6)], [first, second]);
    }

    [StoreFact]
    public async Task NearTheLimitOnlyWhatIsLeftIsCountedAndThenNothing()
    {
        var window = Time.GetUtcNow();
        await Budgets.TakeAsync("budget:writes:a", window, Minute, limit: 5, wanted: 4);

        var rest = await Budgets.TakeAsync("budget:writes:a", window, Minute, limit: 5, wanted: 4);
        var none = await Budgets.TakeAsync("budget:writes:a", window, Minute, limit: 5, wanted: 1);

        Assert.Equal([new BudgetTake(1, 5), new BudgetTake(0, 5)], [rest, none]);
    }

    [StoreFact]
    public async Task KeysAndWindowsAreCountedApart()
    {
        var window = Time.GetUtcNow();
        await Budgets.TakeAsync("budget:writes:a", window, Minute, limit: 2, wanted: 2);

        var otherKey = await Budgets.TakeAsync("budget:writes:b", window, Minute, limit: 2, wanted: 2);
        var nextWindow = await Budgets.TakeAsync("budget:writes:a", window + Minute, Minute, limit: 2, wanted: 2);

        Assert.Equal([new BudgetTake(2, 2), new BudgetTake(2, 2)], [otherKey, nextWindow]);
    }

    [StoreFact]
    public async Task ConcurrentTakesNeverCountPastTheLimit()
    {
        var window = Time.GetUtcNow();

        var takes = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => Budgets.TakeAsync("budget:requests:a", window, Minute, limit: 50, wanted: 3))));

        Assert.Equal(50, takes.Sum(t => t.Granted));
        Assert.All(takes, t => Assert.InRange(t.Counted, t.Granted, 50));
    }
}
