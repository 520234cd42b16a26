using Microsoft.Data.Sqlite;
using Tickets.Identity;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// Password-attempt throttles in two tables. Each decision is one immediate transaction (one writer at a time), so
/// concurrent claims are counted one after another and never exceed the limit.
/// </summary>
public sealed class SqliteLoginThrottleStore(SqliteDatabase database) : ILoginThrottleStore
{
    /// <summary>Windows are at most a day (<see cref="LoginThrottleOptions"/>): older attempts of any key go as new ones come.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public Task<ThrottleClaim> TryClaimAsync(string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using (var purge = connection.Command("DELETE FROM throttle_attempts WHERE at < $expired", transaction)
                .With("$expired", (now - Retention).Ticks()))
                await purge.ExecuteNonQueryAsync(cancellationToken);

            var counted = new List<DateTimeOffset>();
            await using (var find = connection.Command("SELECT at FROM throttle_attempts WHERE key = $key AND at >= $since ORDER BY at", transaction)
                .With("$key", key).With("$since", (now - window).Ticks()))
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) counted.Add(reader.GetInstant(0));
            }

            // Full: free again when the oldest of the last `limit` attempts leaves the window.
            if (counted.Count >= limit) return ThrottleClaim.Refuse(counted[counted.Count - limit] + window);

            await using var claim = connection.Command("INSERT INTO throttle_attempts (key, at) VALUES ($key, $at)", transaction)
                .With("$key", key).With("$at", now.Ticks());
            await claim.ExecuteNonQueryAsync(cancellationToken);
            return ThrottleClaim.Grant(now);
        }, cancellationToken);

    public Task ClearAsync(string key, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command("DELETE FROM throttle_attempts WHERE key = $key", transaction).With("$key", key);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<ThrottleClaim> TryCountAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var windowEnd = windowStart + window;
            await using var count = connection.Command("""
                DELETE FROM throttle_counters WHERE expires_at <= $start;
                INSERT INTO throttle_counters (key, window_start, expires_at, count) VALUES ($key, $start, $end, 1)
                ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 WHERE count < $limit;
                SELECT changes();
                """, transaction)
                .With("$key", key).With("$start", windowStart.Ticks()).With("$end", windowEnd.Ticks()).With("$limit", limit);
            var counted = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken)) == 1;
            return counted ? ThrottleClaim.Grant(windowStart) : ThrottleClaim.Refuse(windowEnd);
        }, cancellationToken);
}
