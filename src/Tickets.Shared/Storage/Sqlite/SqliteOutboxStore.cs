using Microsoft.Data.Sqlite;
using Tickets.Messaging;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// The outbox table. Rows are inserted in the transaction of the write they belong to (a ticket's change, a set-password
/// link), through <see cref="Insert"/> and <see cref="Bind"/>.
/// </summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore
{
    /// <summary>Inserts one message; bind it with <see cref="Bind"/> (the command may be reused for several).</summary>
    public const string Insert =
        "INSERT INTO outbox (id, ticket_id, queue, body, created_at, visible_at) VALUES ($id, $ticket, $queue, $body, $created, $visible)";

    public static SqliteCommand Bind(SqliteCommand insert, OutboxMessage message)
    {
        insert.Parameters.Clear();
        return insert.With("$id", message.Id).With("$ticket", message.TicketId).With("$queue", message.Queue).With("$body", message.Body)
            .With("$created", message.CreatedAt.Ticks()).With("$visible", message.VisibleAt.Ticks());
    }

    public Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command(Insert, transaction);
            return await Bind(insert, message).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

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

    public Task RemoveAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken = default) =>
        messages.Count == 0 ? Task.CompletedTask : database.WriteAsync(async (connection, transaction) =>
        {
            var removed = 0;
            foreach (var message in messages)
            {
                await using var delete = connection.Command("DELETE FROM outbox WHERE id = $id", transaction).With("$id", message.Id);
                removed += await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            return removed;
        }, cancellationToken);
}
