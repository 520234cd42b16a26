using Tickets.Budgets;

namespace Tickets.UnitTests.Fakes;

/// <summary>The store's guarded window counters in memory, with every take it was asked for (key and block wanted).</summary>
public sealed class InMemoryRequestBudgetStore : IRequestBudgetStore
{
    private readonly Dictionary<(string Key, DateTimeOffset Window), long> _counters = [];
    private readonly List<(string Key, int Wanted)> _takes = [];

    public IReadOnlyList<(string Key, int Wanted)> Takes
    {
        get
        {
            lock (_counters) return [.. _takes];
        }
    }

    public Task<BudgetTake> TakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, int wanted, CancellationToken cancellationToken = default)
    {
        lock (_counters)
        {
            _takes.Add((key, wanted));
            var counted = _counters.GetValueOrDefault((key, windowStart));
            var granted = (int)Math.Min(wanted, Math.Max(0, limit - counted));
            _counters[(key, windowStart)] = counted + granted;
            return Task.FromResult(new BudgetTake(granted, counted + granted));
        }
    }
}
