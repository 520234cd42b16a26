using Microsoft.Data.Sqlite;
using Tickets.Identity;

namespace Tickets.Storage.Sqlite;

public sealed class SqliteRefreshTokenStore(SqliteDatabase database) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO refresh_tokens (token_hash, user_id, family_id, created_at, expires_at, spent_at, revoked_at, security_stamp, session_started_at)
            VALUES ($hash, $user, $family, $created, $expires, $spent, $revoked, $stamp, $session)
            """)
            .With("$hash", token.TokenHash)
            .With("$user", token.UserId)
            .With("$family", token.FamilyId)
            .With("$created", token.CreatedAt.Ticks())
            .With("$expires", token.ExpiresAt.Ticks())
            .With("$spent", token.SpentAt.Ticks())
            .With("$revoked", token.RevokedAt.Ticks())
            .With("$stamp", token.SecurityStamp)
            .With("$session", token.SessionStartedAt.Ticks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT token_hash, user_id, family_id, created_at, expires_at, spent_at, revoked_at, security_stamp, session_started_at
            FROM refresh_tokens WHERE token_hash = $hash
            """).With("$hash", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new RefreshToken(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInstant(3),
            reader.GetInstant(4),
            reader.GetInstantOrNull(5),
            reader.GetInstantOrNull(6),
            reader.GetString(7),
            reader.GetInstantOrNull(8));
    }

    public async Task<bool> TrySpendAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE refresh_tokens SET spent_at = $at WHERE token_hash = $hash AND spent_at IS NULL AND revoked_at IS NULL")
            .With("$at", at.Ticks())
            .With("$hash", tokenHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeAsync("family_id", familyId, at, cancellationToken);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        RevokeAsync("user_id", userId, at, cancellationToken);

    private async Task RevokeAsync(string column, string value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"UPDATE refresh_tokens SET revoked_at = $at WHERE {column} = $value AND revoked_at IS NULL")
            .With("$at", at.Ticks())
            .With("$value", value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

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
