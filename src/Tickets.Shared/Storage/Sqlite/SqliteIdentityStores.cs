using Microsoft.Data.Sqlite;
using Tickets.Identity;

namespace Tickets.Storage.Sqlite;

public sealed class SqliteRefreshTokenStore(SqliteDatabase database) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO refresh_tokens (token_hash, user_id, family_id, created_at, expires_at, spent_at, revoked_at)
            VALUES ($hash, $user, $family, $created, $expires, $spent, $revoked)
            """)
            .With("$hash", token.TokenHash)
            .With("$user", token.UserId)
            .With("$family", token.FamilyId)
            .With("$created", token.CreatedAt.Ticks())
            .With("$expires", token.ExpiresAt.Ticks())
            .With("$spent", token.SpentAt.Ticks())
            .With("$revoked", token.RevokedAt.Ticks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT token_hash, user_id, family_id, created_at, expires_at, spent_at, revoked_at
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
            reader.GetInstantOrNull(6));
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

public sealed class SqliteLoginThrottleStore(SqliteDatabase database) : ILoginThrottleStore
{
    public async Task RecordFailureAsync(string normalizedEmail, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The throttle window is at most a day (LoginThrottleOptions): older failures of this account go as new ones come.
        await using var command = connection.Command("""
            DELETE FROM login_failures WHERE email = $email AND at < $expired;
            INSERT INTO login_failures (email, at) VALUES ($email, $at)
            """)
            .With("$email", normalizedEmail)
            .With("$at", at.Ticks())
            .With("$expired", at.AddDays(-1).Ticks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DateTimeOffset>> FailuresSinceAsync(string normalizedEmail, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT at FROM login_failures WHERE email = $email AND at >= $since ORDER BY at")
            .With("$email", normalizedEmail)
            .With("$since", since.Ticks());
        var result = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result.Add(reader.GetInstant(0));
        return result;
    }

    public async Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM login_failures WHERE email = $email").With("$email", normalizedEmail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
