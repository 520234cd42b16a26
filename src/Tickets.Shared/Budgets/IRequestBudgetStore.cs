namespace Tickets.Budgets;

/// <summary>What one take from a shared window counter got: the uses granted now (0 when none were left) and the window's count after it.</summary>
public readonly record struct BudgetTake(int Granted, long Counted);

/// <summary>
/// The shared side of the per-account budgets (<see cref="RequestBudgets"/>): fixed-window counters every instance of the
/// app counts in, so the instances together never grant more than a limit.
/// </summary>
public interface IRequestBudgetStore
{
    /// <summary>
    /// In one atomic step of the store, counts up to <paramref name="wanted"/> more uses of <paramref name="key"/> in the
    /// window that starts at <paramref name="windowStart"/>, as many as still fit under <paramref name="limit"/>, and answers
    /// how many it counted and the window's count after them. A window's counter goes on its own once the window is over.
    /// </summary>
    Task<BudgetTake> TakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, int wanted, CancellationToken cancellationToken = default);
}
