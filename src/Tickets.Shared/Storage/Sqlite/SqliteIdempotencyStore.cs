using System.Text.Json;
using Tickets.Common;
using Tickets.Idempotency;

namespace Tickets.Storage.Sqlite;

public sealed class SqliteIdempotencyStore(SqliteDatabase database) : IIdempotencyStore
{
    public Task<IdempotencyRecord?> TryClaimAsync(string key, string requestHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IdempotencyRecord?>(async (connection, transaction) =>
        {
            await using (var purge = connection.Command("DELETE FROM idempotency WHERE expires_at <= $now", transaction).With("$now", now.Ticks()))
                await purge.ExecuteNonQueryAsync(cancellationToken);

            await using (var find = connection.Command("SELECT request_hash, response, expires_at FROM idempotency WHERE key = $key", transaction).With("$key", key))
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    var response = reader.GetStringOrNull(1) is { } json ? JsonSerializer.Deserialize<StoredResponse>(json, Json.Options) : null;
                    return new IdempotencyRecord(key, reader.GetString(0), response, reader.GetInstant(2));
                }
            }

            await using var claim = connection.Command(
                "INSERT INTO idempotency (key, request_hash, response, expires_at) VALUES ($key, $hash, NULL, $expires)", transaction)
                .With("$key", key).With("$hash", requestHash).With("$expires", expiresAt.Ticks());
            await claim.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }, cancellationToken);

    public async Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE idempotency SET response = $response WHERE key = $key")
            .With("$key", key).With("$response", JsonSerializer.Serialize(response, Json.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM idempotency WHERE key = $key AND response IS NULL").With("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
