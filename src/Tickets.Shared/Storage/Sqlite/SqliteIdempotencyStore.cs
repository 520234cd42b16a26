using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Common;
using Tickets.Idempotency;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// Idempotency records, one row per key. A claim, a takeover and the purge of expired rows are one write each, and the
/// one writer runs writes one at a time, so two takers of a lapsed claim cannot both win; the takeover's UPDATE is
/// still guarded by the claim time it read.
/// </summary>
public sealed class SqliteIdempotencyStore(SqliteDatabase database) : IIdempotencyStore
{
    public Task<IdempotencyClaim> ClaimAsync(IdempotencyRecord claim, TimeSpan lease, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var now = claim.ClaimedAt;
            await using (var purge = connection.Command("DELETE FROM idempotency WHERE expires_at <= $now", transaction).With("$now", now.Ticks()))
                await purge.ExecuteNonQueryAsync(cancellationToken);

            if (await FindAsync(connection, transaction, claim.Key, cancellationToken) is { } existing)
            {
                if (existing.RequestHash != claim.RequestHash || !existing.IsLapsed(lease, now)) return new IdempotencyClaim(ClaimOutcome.Held, existing);

                await using var takeOver = connection.Command("""
                    UPDATE idempotency SET claimed_at = $now, resource_id = coalesce(resource_id, $resource)
                    WHERE key = $key AND claimed_at = $was AND response IS NULL
                    """, transaction)
                    .With("$key", claim.Key).With("$now", now.Ticks()).With("$was", existing.ClaimedAt.Ticks()).With("$resource", claim.ResourceId);
                return await takeOver.ExecuteNonQueryAsync(cancellationToken) == 1
                    ? new IdempotencyClaim(ClaimOutcome.TakenOver, existing with { ClaimedAt = now, ResourceId = existing.ResourceId ?? claim.ResourceId })
                    : new IdempotencyClaim(ClaimOutcome.Held, existing);
            }

            await using var insert = connection.Command("""
                INSERT INTO idempotency (key, request_hash, response, claimed_at, expires_at, resource_id)
                VALUES ($key, $hash, NULL, $now, $expires, $resource)
                """, transaction)
                .With("$key", claim.Key).With("$hash", claim.RequestHash).With("$now", now.Ticks()).With("$expires", claim.ExpiresAt.Ticks())
                .With("$resource", claim.ResourceId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return new IdempotencyClaim(ClaimOutcome.Claimed, claim with { Response = null });
        }, cancellationToken);

    public async Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE idempotency SET response = $response WHERE key = $key")
            .With("$key", key).With("$response", JsonSerializer.Serialize(response, Json.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string key, DateTimeOffset claimedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM idempotency WHERE key = $key AND claimed_at = $claimedAt AND response IS NULL")
            .With("$key", key).With("$claimedAt", claimedAt.Ticks());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IdempotencyRecord?> FindAsync(SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var find = connection.Command(
            "SELECT request_hash, response, claimed_at, expires_at, resource_id FROM idempotency WHERE key = $key", transaction).With("$key", key);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new IdempotencyRecord(key, reader.GetString(0), reader.GetInstant(2), reader.GetInstant(3))
        {
            Response = reader.GetStringOrNull(1) is { } json ? JsonSerializer.Deserialize<StoredResponse>(json, Json.Options) : null,
            ResourceId = reader.GetStringOrNull(4),
        };
    }
}
