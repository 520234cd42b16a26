using Tickets.Messaging;

namespace Tickets.Storage.Sqlite;

/// <summary>The outbox table; rows are inserted by <see cref="SqliteTicketStore"/> in the change's transaction.</summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT id, ticket_id, queue, body, created_at, visible_at FROM outbox
            WHERE created_at <= $before ORDER BY created_at, id LIMIT $take
            """).With("$before", createdBefore.Ticks()).With("$take", limit);
        var pending = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new OutboxMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInstant(4), reader.GetInstantOrNull(5)));
        }

        return pending;
    }

    public Task RemoveAsync(OutboxMessage message, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM outbox WHERE id = $id", transaction).With("$id", message.Id);
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
