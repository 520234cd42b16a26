using Tickets.Budgets;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// Per-account budget counters in <c>throttle_counters</c>, beside the password throttle's fixed windows (keys of their own,
/// <c>budget:…</c>). A take is one immediate transaction, so concurrent takes are counted one after another.
/// </summary>
public sealed class SqliteRequestBudgetStore(SqliteDatabase database) : IRequestBudgetStore
{
    public Task<BudgetTake> TakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, int wanted, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var take = connection.Command("""
                DELETE FROM throttle_counters WHERE expires_at <= $start;
                SELECT coalesce(max(count), 0) FROM throttle_counters WHERE key = $key AND window_start = $start;
                INSERT INTO throttle_counters (key, window_start, expires_at, count) VALUES ($key, $start, $end, min($wanted, $limit))
                ON CONFLICT (key, window_start) DO UPDATE SET count = min(count + $wanted, $limit)
                RETURNING count;
                """, transaction)
                .With("$key", key).With("$start", windowStart.Ticks()).With("$end", (windowStart + window).Ticks())
                .With("$limit", limit).With("$wanted", wanted);
            await using var reader = await take.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var before = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var after = reader.GetInt64(0);
            return new BudgetTake((int)(after - before), after);
        }, cancellationToken);
}
