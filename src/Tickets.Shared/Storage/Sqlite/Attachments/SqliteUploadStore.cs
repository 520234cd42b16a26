using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Attachments;
using Tickets.Common;

namespace Tickets.Storage.Sqlite.Attachments;

/// <summary>
/// Uploads in <c>uploads</c>: the file as a JSON document, its claim in columns. Every write runs on the one writer, so a
/// claim's checks and its updates see no other write between them: claiming all or none is checking all, then writing.
/// </summary>
public sealed class SqliteUploadStore(SqliteDatabase database) : IUploadStore
{
    private const string Columns = "doc, etag, ticket_id, comment_id, internal, claimed_at, attached_at";

    /// <summary>The claim's columns equal <paramref name="target"/>'s (<c>IS</c>: a ticket's own files have no comment).</summary>
    private const string ClaimedFor = "ticket_id = $ticket AND comment_id IS $comment AND internal = $internal";

    public Task AddAsync(Upload upload, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command("""
                INSERT INTO uploads (id, uploader_id, uploaded_at, ticket_id, comment_id, internal, claimed_at, attached_at, etag, doc)
                VALUES ($id, $uploader, $uploaded, $ticket, $comment, $internal, $claimed, $attached, $etag, $doc)
                """, transaction)
                .With("$id", upload.Id)
                .With("$uploader", upload.UploadedBy.Id)
                .With("$uploaded", upload.UploadedAt.Ticks())
                .With("$ticket", upload.Target?.TicketId)
                .With("$comment", upload.Target?.CommentId)
                .With("$internal", upload.Target?.Internal == true ? 1 : 0)
                .With("$claimed", upload.ClaimedAt.Ticks())
                .With("$attached", upload.AttachedAt.Ticks())
                .With("$etag", NewETag())
                .With("$doc", JsonSerializer.Serialize(FileOf(upload), Json.Options));
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<Upload?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id, cancellationToken);
    }

    public Task<ClaimResult> ClaimAsync(
        IReadOnlyList<string> ids, string uploaderId, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var found = new List<Upload>(ids.Count);
            var refused = new List<string>();
            foreach (var id in ids)
            {
                var upload = await FindAsync(connection, transaction, id, cancellationToken);
                if (upload is null || upload.UploadedBy.Id != uploaderId || (upload.Target is { } claim && claim != target)) refused.Add(id);
                else found.Add(upload);
            }

            if (refused.Count > 0) return new ClaimResult([], refused);

            var claimed = new List<Upload>(found.Count);
            foreach (var upload in found)
            {
                // Already claimed for this very target (a retried write): the claim stands as it was made.
                if (upload.IsClaimed)
                {
                    claimed.Add(upload);
                    continue;
                }

                var etag = NewETag();
                await using var claim = connection.Command($"""
                    UPDATE uploads SET ticket_id = $ticket, comment_id = $comment, internal = $internal, claimed_at = $now, etag = $etag
                    WHERE id = $id AND ticket_id IS NULL
                    """, transaction)
                    .With("$id", upload.Id).With("$now", now.Ticks()).With("$etag", etag);
                Bind(claim, target);
                await claim.ExecuteNonQueryAsync(cancellationToken);
                claimed.Add(upload with { Target = target, ClaimedAt = now, ETag = etag });
            }

            return new ClaimResult(claimed, []);
        }, cancellationToken);

    public Task ReleaseAsync(IReadOnlyList<string> ids, AttachmentTarget target, CancellationToken cancellationToken = default) =>
        UpdateEachAsync(ids, target, $"""
            UPDATE uploads SET ticket_id = NULL, comment_id = NULL, internal = 0, claimed_at = NULL, etag = $etag
            WHERE id = $id AND {ClaimedFor} AND attached_at IS NULL
            """, now: null, cancellationToken);

    public Task MarkAttachedAsync(IReadOnlyList<string> ids, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UpdateEachAsync(ids, target, $"""
            UPDATE uploads SET attached_at = $now, etag = $etag
            WHERE id = $id AND {ClaimedFor} AND attached_at IS NULL
            """, now, cancellationToken);

    /// <summary>
    /// Each kind oldest first from its own partial index (<c>ix_uploads_unreferenced</c>, <c>ix_uploads_unconfirmed</c>),
    /// at most <paramref name="limit"/> of each, then the oldest <paramref name="limit"/> of both.
    /// </summary>
    public async Task<IReadOnlyList<Upload>> ListStaleAsync(
        DateTimeOffset unreferencedBefore, DateTimeOffset claimedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT {Columns} FROM (
                SELECT * FROM (
                    SELECT {Columns}, uploaded_at AS since, id FROM uploads
                    WHERE ticket_id IS NULL AND uploaded_at < $unreferenced ORDER BY uploaded_at, id LIMIT $limit)
                UNION ALL
                SELECT * FROM (
                    SELECT {Columns}, claimed_at AS since, id FROM uploads
                    WHERE ticket_id IS NOT NULL AND attached_at IS NULL AND claimed_at < $claimed ORDER BY claimed_at, id LIMIT $limit))
            ORDER BY since, id LIMIT $limit
            """)
            .With("$unreferenced", unreferencedBefore.Ticks())
            .With("$claimed", claimedBefore.Ticks())
            .With("$limit", limit);
        var stale = new List<Upload>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) stale.Add(Read(reader));
        return stale;
    }

    public Task<bool> DeleteUnreferencedAsync(string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var delete = connection.Command("DELETE FROM uploads WHERE id = $id AND ticket_id IS NULL", transaction).With("$id", id);
            return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private Task<int> UpdateEachAsync(IReadOnlyList<string> ids, AttachmentTarget target, string sql, DateTimeOffset? now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var changed = 0;
            foreach (var id in ids)
            {
                await using var update = connection.Command(sql, transaction);
                update.With("$id", id).With("$etag", NewETag());
                if (now is { } at) update.With("$now", at.Ticks());
                Bind(update, target);
                changed += await update.ExecuteNonQueryAsync(cancellationToken);
            }

            return changed;
        }, cancellationToken);

    private static async Task<Upload?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM uploads WHERE id = $id", transaction).With("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A row of <see cref="Columns"/>: the file from the document, the claim from the columns.</summary>
    private static Upload Read(SqliteDataReader reader) =>
        JsonSerializer.Deserialize<Upload>(reader.GetString(0), Json.Options)! with
        {
            ETag = reader.GetString(1),
            Target = reader.GetStringOrNull(2) is { } ticketId ? new AttachmentTarget(ticketId, reader.GetStringOrNull(3), reader.GetInt64(4) == 1) : null,
            ClaimedAt = reader.GetInstantOrNull(5),
            AttachedAt = reader.GetInstantOrNull(6),
        };

    /// <summary>The document holds the file only; the claim lives in the columns, written alone.</summary>
    private static Upload FileOf(Upload upload) => upload with { Target = null, ClaimedAt = null, AttachedAt = null };

    private static void Bind(SqliteCommand command, AttachmentTarget target) =>
        command.With("$ticket", target.TicketId).With("$comment", target.CommentId).With("$internal", target.Internal ? 1 : 0);

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
