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
            ON CONFLICT (token_hash) DO NOTHING
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
