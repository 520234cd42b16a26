using System.Globalization;
using System.Text.Json;
using Tickets.Common;
using Tickets.Notifications;

namespace Tickets.Storage.Sqlite;

/// <summary>Notifications as JSON documents with the columns the inbox reads by (recipient, time, read).</summary>
public sealed class SqliteNotificationStore(SqliteDatabase database) : INotificationStore
{
    public Task<Notification> AddAsync(Notification notification, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command("""
                INSERT INTO notifications (id, recipient_id, ticket_id, created_at, read_at, emailed_at, email_due_at, content, doc)
                VALUES ($id, $recipient, $ticket, $created, $read, $emailed, $due, $content, $doc)
                ON CONFLICT (id) DO NOTHING
                """, transaction)
                .With("$id", notification.Id).With("$recipient", notification.RecipientId).With("$created", notification.CreatedAt.Ticks())
                .With("$read", notification.ReadAt.Ticks()).With("$emailed", notification.EmailedAt.Ticks())
                .With("$ticket", notification.TicketId).With("$due", notification.EmailDueAt.Ticks())
                .With("$content", notification.Content is null ? null : JsonSerializer.Serialize(notification.Content, Json.Options))
                .With("$doc", JsonSerializer.Serialize(notification, Json.Options));
            await insert.ExecuteNonQueryAsync(cancellationToken);

            await using var read = connection.Command($"SELECT {Columns} FROM notifications WHERE id = $id", transaction).With("$id", notification.Id);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return Read(reader);
        }, cancellationToken);

    public async Task<Notification?> FindAsync(string recipientId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM notifications WHERE id = $id AND recipient_id = $recipient")
            .With("$id", id).With("$recipient", recipientId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<Page<Notification>> ListAsync(string recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var after = Cursor.TryDecode(page.Cursor, 2, out var key) && key.Count == 2 ? key : null;
        var command = session.Statement($"""
            SELECT {Columns} FROM notifications
            WHERE recipient_id = $recipient {(unreadOnly ? "AND read_at IS NULL" : "")}
                {(after is null ? "" : "AND (created_at, id) < ($afterCreated, $afterId)")}
            ORDER BY created_at DESC, id DESC LIMIT $take
            """).With("$recipient", recipientId).With("$take", page.Take);
        if (after is not null)
            command.With("$afterCreated", long.Parse(after[0]!, CultureInfo.InvariantCulture)).With("$afterId", after[1]);

        var items = new List<Notification>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader));
        }

        return Page.OfOneExtra(items, page, n => n.ListKey());
    }

    public async Task<int> CountUnreadAsync(string recipientId, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("SELECT COUNT(*) FROM notifications WHERE recipient_id = $recipient AND read_at IS NULL")
            .With("$recipient", recipientId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<bool> MarkReadAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.Command(
                "UPDATE notifications SET read_at = COALESCE(read_at, $at) WHERE id = $id AND recipient_id = $recipient", transaction)
                .With("$at", at.Ticks()).With("$id", id).With("$recipient", recipientId);
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task MarkAllReadAsync(string recipientId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.Command(
                "UPDATE notifications SET read_at = $at WHERE recipient_id = $recipient AND read_at IS NULL", transaction)
                .With("$at", at.Ticks()).With("$recipient", recipientId);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkEmailedAsync(string recipientId, string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.Command(
                "UPDATE notifications SET emailed_at = COALESCE(emailed_at, $at) WHERE id = $id AND recipient_id = $recipient", transaction)
                .With("$at", at.Ticks()).With("$id", id).With("$recipient", recipientId);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<IReadOnlyList<Notification>> ListEmailPendingAsync(string recipientId, string ticketId, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement($"""
            SELECT {Columns} FROM notifications
            WHERE recipient_id = $recipient AND ticket_id = $ticket AND email_due_at IS NOT NULL AND emailed_at IS NULL
            ORDER BY created_at, id
            """).With("$recipient", recipientId).With("$ticket", ticketId);
        var items = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader));
        return items;
    }

    public async Task<IReadOnlyList<Notification>> ListEmailDueAsync(string recipientId, DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement($"""
            SELECT {Columns} FROM notifications
            WHERE recipient_id = $recipient AND email_due_at IS NOT NULL AND emailed_at IS NULL AND email_due_at <= $dueBy
            ORDER BY created_at, id LIMIT $max
            """).With("$recipient", recipientId).With("$dueBy", dueBy.Ticks()).With("$max", max);
        var items = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(Read(reader));
        return items;
    }

    public async Task<IReadOnlyList<PendingEmail>> ListEmailOverdueAsync(DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("""
            SELECT recipient_id, ticket_id, MIN(email_due_at) AS due FROM notifications
            WHERE email_due_at IS NOT NULL AND emailed_at IS NULL AND email_due_at < $before
            GROUP BY recipient_id, ticket_id ORDER BY due LIMIT $max
            """).With("$before", dueBefore.Ticks()).With("$max", max);
        var pairs = new List<PendingEmail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) pairs.Add(new PendingEmail(reader.GetString(0), reader.GetString(1)));
        return pairs;
    }

    private const string Columns = "doc, read_at, emailed_at, email_due_at, content";

    /// <summary>
    /// The document holds what never changes (parsed from its stored UTF-8 bytes, no string in between); read and e-mail
    /// times come from their columns.
    /// </summary>
    private static Notification Read(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Notification>(reader.GetFieldValue<byte[]>(0), Json.Options)! with
        {
            ReadAt = reader.GetInstantOrNull(1),
            EmailedAt = reader.GetInstantOrNull(2),
            EmailDueAt = reader.GetInstantOrNull(3),
            Content = reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<NotificationContent>(reader.GetString(4), Json.Options),
        };
}
