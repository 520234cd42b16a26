using Tickets.Common;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Storage.Sqlite;

/// <summary>Set-password links in <c>password_tokens</c>; a link and its e-mail's outbox row commit in one transaction.</summary>
public sealed class SqlitePasswordTokenStore(SqliteDatabase database) : IPasswordTokenStore
{
    /// <summary>Expired links are kept this long (so a late click still reads "expired"), then removed as new ones come.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public Task AddAsync(PasswordToken token, OutboxMessage mail, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using (var stored = connection.Command("SELECT 1 FROM password_tokens WHERE token_hash = $hash", transaction)
                .With("$hash", token.TokenHash))
                if (await stored.ExecuteScalarAsync(cancellationToken) is not null) return 0;

            await using (var purge = connection.Command("DELETE FROM password_tokens WHERE expires_at < $expired", transaction)
                .With("$expired", (token.CreatedAt - Retention).Ticks()))
                await purge.ExecuteNonQueryAsync(cancellationToken);

            await using (var replace = connection.Command("""
                UPDATE password_tokens SET replaced_at = $at
                WHERE user_id = $user AND used_at IS NULL AND replaced_at IS NULL
                """, transaction)
                .With("$at", token.CreatedAt.Ticks())
                .With("$user", token.UserId))
                await replace.ExecuteNonQueryAsync(cancellationToken);

            await using (var insert = connection.Command("""
                INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at, security_stamp)
                VALUES ($hash, $user, $purpose, $created, $expires, $used, $stamp)
                """, transaction)
                .With("$hash", token.TokenHash)
                .With("$user", token.UserId)
                .With("$purpose", Json.EnumName(token.Purpose))
                .With("$created", token.CreatedAt.Ticks())
                .With("$expires", token.ExpiresAt.Ticks())
                .With("$used", token.UsedAt.Ticks())
                .With("$stamp", token.SecurityStamp))
                await insert.ExecuteNonQueryAsync(cancellationToken);

            await using var outbox = connection.Command(SqliteOutboxStore.Insert, transaction);
            return await SqliteOutboxStore.Bind(outbox, mail).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT token_hash, user_id, purpose, created_at, expires_at, used_at, security_stamp, emailed_at, replaced_at
            FROM password_tokens WHERE token_hash = $hash
            """).With("$hash", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new PasswordToken(
            reader.GetString(0),
            reader.GetString(1),
            Json.TryParseEnum<PasswordTokenPurpose>(reader.GetString(2), out var purpose) ? purpose : throw new InvalidDataException("Unknown purpose."),
            reader.GetInstant(3),
            reader.GetInstant(4),
            reader.GetInstantOrNull(5),
            reader.GetString(6),
            reader.GetInstantOrNull(7),
            reader.GetInstantOrNull(8));
    }

    public Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                "UPDATE password_tokens SET used_at = $at WHERE token_hash = $hash AND used_at IS NULL AND replaced_at IS NULL", transaction)
                .With("$at", at.Ticks())
                .With("$hash", tokenHash);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command(
                "UPDATE password_tokens SET emailed_at = $at WHERE token_hash = $hash AND emailed_at IS NULL", transaction)
                .With("$at", at.Ticks())
                .With("$hash", tokenHash);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
