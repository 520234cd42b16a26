using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Storage.Sqlite.Reports;
using Tickets.Tickets;

namespace Tickets.Storage.Sqlite;

/// <summary>
/// Tickets as JSON documents with the columns their filters and sorts need (all indexed); comments, history and the
/// files' records in their own tables, written in the same immediate transaction as the ticket change.
/// </summary>
public sealed class SqliteTicketStore(SqliteDatabase database) : ITicketStore
{
    /// <summary>Parsed tickets by id, each reused while its row's ETag is the one it was read at (see <see cref="ReadTicket"/>).</summary>
    private readonly BuiltRows<string, Ticket> _parsed = new(ticket => ticket.ETag);

    private const string OpenWork = "('open', 'in_progress', 'on_hold')";

    public Task<long> NextNumberAsync(CancellationToken cancellationToken = default) => NextAsync("ticket_number", cancellationToken);

    public Task<long> NextAssignmentTurnAsync(CancellationToken cancellationToken = default) => NextAsync("assignment_turn", cancellationToken);

    public Task<Ticket?> CreateAsync(TicketChange change, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => InsertAsync(connection, transaction, change, cancellationToken), cancellationToken);

    /// <summary>
    /// The number and the ticket in one transaction: a create waits for one commit, not two. If the insert (or
    /// <paramref name="build"/>) fails, or a ticket with its id exists, its savepoint is rolled back with the counter's
    /// increment: no number is lost.
    /// </summary>
    public async Task<Ticket?> CreateAsync(Func<long, TicketChange> build, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.WriteAsync<Ticket?>(async (connection, transaction) =>
                await InsertAsync(connection, transaction, build(await NextAsync(connection, transaction, "ticket_number", cancellationToken)), cancellationToken)
                ?? throw new TicketExistsException(),
                cancellationToken);
        }
        catch (TicketExistsException)
        {
            return null;
        }
    }

    /// <summary>Null, writing nothing, when a ticket with the change's id exists already.</summary>
    private async Task<Ticket?> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, TicketChange change, CancellationToken cancellationToken)
    {
        var stored = change.Ticket with { ETag = NewETag() };
        await using var insert = connection.Command(InsertTicket + " ON CONFLICT (id) DO NOTHING", transaction);
        Bind(insert, stored);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        await AppendAsync(connection, transaction, change, cancellationToken);
        await WriteTagsAsync(connection, transaction, stored, replace: false, cancellationToken);
        await WritePeopleAsync(connection, transaction, stored, replace: false, cancellationToken);
        await SqliteReportStore.WriteAsync(connection, transaction, stored, cancellationToken);
        return stored;
    }

    /// <summary>Rolls a create's savepoint back (the number with it) when its id is taken; never leaves this class.</summary>
    private sealed class TicketExistsException : Exception;

    /// <summary>
    /// Bulk load for benchmarks and imports: many new tickets (with their events, comments and outbox messages) in one
    /// transaction, written row for row as <see cref="CreateAsync"/> writes them, through statements prepared once.
    /// Numbers come from <see cref="ReserveNumbersAsync"/>.
    /// </summary>
    public Task<int> ImportAsync(IEnumerable<TicketChange> changes, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command(InsertTicket, transaction);
            await using var events = connection.Command(InsertEvent, transaction);
            await using var outbox = connection.Command(SqliteOutboxStore.Insert, transaction);
            await using var comments = connection.Command(InsertComment, transaction);
            await using var attachments = connection.Command(InsertAttachment, transaction);
            var count = 0;
            foreach (var change in changes)
            {
                insert.Parameters.Clear();
                Bind(insert, change.Ticket with { ETag = NewETag() });
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await AppendAsync(events, outbox, comments, attachments, change, cancellationToken);
                await WriteTagsAsync(connection, transaction, change.Ticket, replace: false, cancellationToken);
                await WritePeopleAsync(connection, transaction, change.Ticket, replace: false, cancellationToken);
                await SqliteReportStore.WriteAsync(connection, transaction, change.Ticket, cancellationToken);
                count++;
            }

            return count;
        }, cancellationToken);

    /// <summary>Takes <paramref name="count"/> consecutive ticket numbers at once; returns the first.</summary>
    public async Task<long> ReserveNumbersAsync(int count, CancellationToken cancellationToken = default) =>
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.Command("""
                INSERT INTO counters (name, value) VALUES ('ticket_number', $count)
                ON CONFLICT (name) DO UPDATE SET value = value + $count
                RETURNING value
                """, transaction).With("$count", count);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) - count + 1;
        }, cancellationToken);

    public Task<Ticket?> SaveAsync(TicketChange change, string expectedETag, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Ticket?>(async (connection, transaction) =>
        {
            // A comment id already written (a comment retried under its Idempotency-Key's id) is refused before anything is.
            if (change.Comment is { } comment)
            {
                await using var taken = connection.Command("SELECT 1 FROM ticket_comments WHERE id = $id", transaction).With("$id", comment.Id);
                if (await taken.ExecuteScalarAsync(cancellationToken) is not null) return null;
            }

            var stored = change.Ticket with { ETag = NewETag() };
            await using var update = connection.Command("""
                UPDATE tickets SET status = $status, priority_rank = $rank, category = $category, assignee_id = $assignee,
                    updated_at = $updated, first_response_at = $responded, resolved_at = $resolved, first_response_due = $responseDue,
                    resolution_due = $resolutionDue, sla_due = $slaDue, sla_phase = $slaPhase, sla_warning = $slaWarning, deleted = $deleted, search_text = $search, etag = $etag, doc = $doc,
                    team_id = $team, satisfaction_rating = $satisfaction, satisfaction_at = $satisfiedAt
                WHERE id = $id AND etag = $expected
                """, transaction);
            Bind(update, stored);
            update.With("$expected", expectedETag);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1) return null;
            await AppendAsync(connection, transaction, change, cancellationToken);
            await WriteTagsAsync(connection, transaction, stored, replace: true, cancellationToken);
            await WritePeopleAsync(connection, transaction, stored, replace: true, cancellationToken);
            await SqliteReportStore.WriteAsync(connection, transaction, stored, cancellationToken);
            return stored;
        }, cancellationToken);

    public async Task<Ticket?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await FindOneAsync("id = $key", id, cancellationToken);

    public async Task<Ticket?> FindByNumberAsync(long number, CancellationToken cancellationToken = default) =>
        await FindOneAsync("number = $key", number, cancellationToken);

    public async Task<Page<Ticket>> ListAsync(TicketQuery query, CancellationToken cancellationToken = default)
    {
        // The query's text depends only on which filters are present, so each shape is prepared once per connection.
        var command = new Parameters();
        var where = new StringBuilder("deleted = 0");

        In(where, command, "status", query.Statuses.Select(s => (object)Json.EnumName(s)).ToList());
        In(where, command, "priority_rank", query.Priorities.Select(p => (object)(int)p).ToList());
        In(where, command, "requester_id", query.RequesterIds.Cast<object>().ToList());
        In(where, command, "category", query.Categories.Cast<object>().ToList());
        if (query.TeamIds is { Count: 0 }) where.Append(" AND 0");
        else In(where, command, "team_id", (query.TeamIds ?? []).Cast<object>().ToList());
        if (query.AssigneeIds.Count > 0 || query.Unassigned)
        {
            var names = query.AssigneeIds.Select((id, i) => (Name: $"$assignee{i}", id)).ToList();
            foreach (var (name, id) in names) command.With(name, id);
            var options = new List<string>();
            if (names.Count > 0) options.Add($"assignee_id IN ({string.Join(", ", names.Select(n => n.Name))})");
            if (query.Unassigned) options.Add("assignee_id IS NULL");
            where.Append($" AND ({string.Join(" OR ", options)})");
        }

        if (query.OnlyRequesterId is { } only)
        {
            where.Append(" AND requester_id = $only");
            command.With("$only", only);
        }

        if (query.Search is { } search)
        {
            where.Append(" AND search_text LIKE $search ESCAPE '\\'");
            command.With("$search", SqliteExtensions.Contains(search));
        }

        // With a tag, the list walks the tag's rows in the sort's order (they carry the sort keys) and reads each ticket
        // by id: CROSS JOIN keeps the tag's rows the outer loop, so the page costs its own rows at any store size.
        var source = "tickets";
        var columnOf = ColumnOf;
        if (query.Tag is { } tag)
        {
            source = "ticket_tags g CROSS JOIN tickets ON tickets.id = g.ticket_id";
            columnOf = TagColumnOf;
            where.Append(" AND g.tag = $tag");
            command.With("$tag", tag);
        }

        if (query.CcId is { } cc)
        {
            where.Append(" AND id IN (SELECT ticket_id FROM ticket_people WHERE role = 'cc' AND person_id = $cc)");
            command.With("$cc", cc);
        }

        if (query.FollowerId is { } follower)
        {
            where.Append(" AND id IN (SELECT ticket_id FROM ticket_people WHERE role = 'follower' AND person_id = $follower)");
            command.With("$follower", follower);
        }

        if (query.CreatedFrom is { } createdFrom)
        {
            where.Append(" AND created_at >= $from");
            command.With("$from", createdFrom.Ticks());
        }

        if (query.CreatedTo is { } to)
        {
            where.Append(" AND created_at <= $to");
            command.With("$to", to.Ticks());
        }

        if (query.Sla is { } sla)
        {
            var conditions = sla.Conditions.Select(c => SlaStanding.Predicate(c, "sla_phase", "sla_warning", "sla_due", "$slaNow"));
            where.Append($" AND ({string.Join(" OR ", conditions)})");
            command.With("$slaNow", sla.AsOf.Ticks());
        }

        await using var session = await database.ReadAsync(cancellationToken);
        long? total = null;
        if (query.Page.IncludeTotal)
        {
            var count = command.Into(session.Statement($"SELECT COUNT(*) FROM {source} WHERE {where}"));
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var keyset = TicketKeyset.Of(query.Sort);
        var columns = keyset.Parts.Select(columnOf).ToList();
        var direction = keyset.Descending ? "DESC" : "ASC";
        if (query.Page.Cursor is not null && TicketKeyset.TryDecode(query.Page.Cursor, query.Sort, out var key))
        {
            var after = columns.Select((_, i) => $"$after{i}").ToList();
            where.Append($" AND ({string.Join(", ", columns)}) {(keyset.Descending ? "<" : ">")} ({string.Join(", ", after)})");
            for (var i = 0; i < columns.Count; i++) command.With(after[i], ColumnValue(key[i]));
        }

        command.With("$take", query.Page.Take);
        var select = command.Into(session.Statement($"""
            SELECT doc, etag, tickets.id FROM {source} WHERE {where}
            ORDER BY {string.Join(", ", columns.Select(c => $"{c} {direction}"))} LIMIT $take
            """));

        var items = new List<Ticket>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) items.Add(ReadTicket(reader, idColumn: 2));
        }

        return Page.OfOneExtra(items, query.Page, last => TicketKeyset.KeyOf(last, query.Sort), total);
    }

    /// <summary>A range over the key (tag, ticket_id) for the prefix, grouped; deleted tickets have no rows.</summary>
    public async Task<IReadOnlyList<TagCount>> ListTagsAsync(string prefix, int limit, CancellationToken cancellationToken = default)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement("""
            SELECT tag, COUNT(*) AS uses FROM ticket_tags WHERE tag >= $from AND tag < $to
            GROUP BY tag ORDER BY uses DESC, tag LIMIT $take
            """).With("$from", prefix).With("$to", prefix + char.ConvertFromUtf32(0x10FFFF)).With("$take", limit);
        var found = new List<TagCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(new TagCount(reader.GetString(0), reader.GetInt64(1)));
        return found;
    }

    public Task<Page<Comment>> ListCommentsAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default) =>
        ListChildrenAsync<Comment>("ticket_comments", ticketId, includeInternal, page, (c, seq) => c with { Sequence = seq }, cancellationToken);

    public async Task<Comment?> FindCommentAsync(string ticketId, string commentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc, seq FROM ticket_comments WHERE ticket_id = $ticket AND id = $id")
            .With("$ticket", ticketId).With("$id", commentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? JsonSerializer.Deserialize<Comment>(reader.GetString(0), Json.Options)! with { Sequence = reader.GetInt64(1) }
            : null;
    }

    public async Task<IReadOnlyList<Attachment>> ListAttachmentsAsync(string ticketId, bool includeInternal, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT doc FROM ticket_attachments WHERE ticket_id = $ticket AND ($all = 1 OR internal = 0) ORDER BY seq")
            .With("$ticket", ticketId).With("$all", includeInternal ? 1 : 0);
        var found = new List<Attachment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(JsonSerializer.Deserialize<Attachment>(reader.GetString(0), Json.Options)!);
        return found;
    }

    public async Task<Attachment?> FindAttachmentAsync(string ticketId, string attachmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT doc FROM ticket_attachments WHERE ticket_id = $ticket AND id = $id")
            .With("$ticket", ticketId).With("$id", attachmentId);
        return await command.ExecuteScalarAsync(cancellationToken) is string doc ? JsonSerializer.Deserialize<Attachment>(doc, Json.Options) : null;
    }

    public Task<Page<TicketEvent>> ListHistoryAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default) =>
        ListChildrenAsync<TicketEvent>("ticket_events", ticketId, includeInternal, page, (e, seq) => e with { Sequence = seq }, cancellationToken);

    public Task<Page<TicketEvent>> ListHistoryAsync(
        string ticketId, IReadOnlyCollection<TicketEventType> types, PageRequest page, CancellationToken cancellationToken = default) =>
        ListChildrenAsync<TicketEvent>("ticket_events", ticketId, includeInternal: false, page, (e, seq) => e with { Sequence = seq }, cancellationToken, types);

    public async Task<bool> AnyOpenInTeamAsync(string teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT EXISTS (SELECT 1 FROM tickets WHERE team_id = $team AND deleted = 0 AND status IN {OpenWork})").With("$team", teamId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountOpenByAssigneeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT assignee_id, COUNT(*) FROM tickets WHERE deleted = 0 AND assignee_id IS NOT NULL AND status IN {OpenWork} GROUP BY assignee_id");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result[reader.GetString(0)] = reader.GetInt32(1);
        return result;
    }

    public async Task<IReadOnlyList<TicketFigures>> FiguresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = new List<TicketFigures>();
        await using var command = connection.Command("""
            SELECT status, priority_rank, created_at, first_response_at, resolved_at, json_extract(doc, '$.sla')
            FROM tickets WHERE deleted = 0 AND created_at >= $from AND created_at <= $to
            """).With("$from", from.Ticks()).With("$to", to.Ticks());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Json.TryParseEnum<TicketStatus>(reader.GetString(0), out var parsed)
                ? parsed : throw new InvalidDataException($"Unknown ticket status '{reader.GetString(0)}' in the tickets table.");
            rows.Add(new TicketFigures(status, (Priority)reader.GetInt32(1), reader.GetInstant(2), reader.GetInstantOrNull(3),
                reader.GetInstantOrNull(4), JsonSerializer.Deserialize<SlaState>(reader.GetString(5), Json.Options)!));
        }

        return rows;
    }

    public async Task<IReadOnlyList<AssigneeLoad>> OpenLoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var load = new List<AssigneeLoad>();
        await using var command = connection.Command($"""
            SELECT assignee_id, MAX(json_extract(doc, '$.assignee.name')), COUNT(*)
            FROM tickets WHERE deleted = 0 AND status IN {OpenWork} GROUP BY assignee_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            load.Add(new AssigneeLoad(reader.GetStringOrNull(0), reader.GetStringOrNull(1), reader.GetInt64(2)));
        return load;
    }

    private Task<long> NextAsync(string counter, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => NextAsync(connection, transaction, counter, cancellationToken), cancellationToken);

    private static async Task<long> NextAsync(SqliteConnection connection, SqliteTransaction transaction, string counter, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO counters (name, value) VALUES ($name, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1
            RETURNING value
            """, transaction).With("$name", counter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<Ticket?> FindOneAsync(string predicate, object key, CancellationToken cancellationToken)
    {
        await using var session = await database.ReadAsync(cancellationToken);
        var command = session.Statement($"SELECT doc, etag, id FROM tickets WHERE {predicate}").With("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTicket(reader, idColumn: 2) : null;
    }

    /// <param name="eventTypes">Events only: just these types (null: all); the names are the enum's, as the <c>type</c> column holds them.</param>
    private async Task<Page<T>> ListChildrenAsync<T>(
        string table, string ticketId, bool includeInternal, PageRequest page, Func<T, long, T> withSequence, CancellationToken cancellationToken,
        IReadOnlyCollection<TicketEventType>? eventTypes = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Services pass only cursors they signed (checked there), so one that does not decode starts at the beginning.
        if (!TicketKeyset.TryDecodeSequence(page.Cursor, out var after)) after = -1;
        var types = eventTypes is null ? "" : $" AND type IN ({string.Join(", ", eventTypes.Select((_, i) => $"$type{i}"))})";
        await using var command = connection.Command($"""
            SELECT doc, seq FROM {table}
            WHERE ticket_id = $ticket AND seq > $after AND ($all = 1 OR internal = 0){types}
            ORDER BY seq LIMIT $take
            """).With("$ticket", ticketId).With("$after", after).With("$all", includeInternal ? 1 : 0).With("$take", page.Take);
        foreach (var (type, i) in (eventTypes ?? []).Select((t, i) => (t, i))) command.With($"$type{i}", Json.EnumName(type));
        var items = new List<(T Item, long Sequence)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(1);
                items.Add((withSequence(JsonSerializer.Deserialize<T>(reader.GetString(0), Json.Options)!, sequence), sequence));
            }
        }

        return Page.OfOneExtra(items, page, last => TicketKeyset.SequenceKey(last.Sequence)).Map(i => i.Item);
    }

    private static async Task AppendAsync(SqliteConnection connection, SqliteTransaction transaction, TicketChange change, CancellationToken cancellationToken)
    {
        await using var events = connection.Command(InsertEvent, transaction);
        await using var outbox = connection.Command(SqliteOutboxStore.Insert, transaction);
        await using var comments = connection.Command(InsertComment, transaction);
        await using var attachments = connection.Command(InsertAttachment, transaction);
        await AppendAsync(events, outbox, comments, attachments, change, cancellationToken);
    }

    /// <summary>The change's events, outbox messages, comment and files, through the given (reusable) insert statements.</summary>
    private static async Task AppendAsync(
        SqliteCommand events, SqliteCommand outbox, SqliteCommand comments, SqliteCommand attachments, TicketChange change, CancellationToken cancellationToken)
    {
        foreach (var e in change.Events)
        {
            events.Parameters.Clear();
            events.With("$id", e.Id).With("$ticket", e.TicketId).With("$seq", e.Sequence).With("$type", Json.EnumName(e.Type))
                .With("$internal", e.Internal ? 1 : 0).With("$doc", JsonSerializer.Serialize(e, Json.Options));
            await events.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var m in change.Outbox)
            await SqliteOutboxStore.Bind(outbox, m).ExecuteNonQueryAsync(cancellationToken);

        if (change.Comment is { } c)
        {
            comments.Parameters.Clear();
            comments.With("$id", c.Id).With("$ticket", c.TicketId).With("$seq", c.Sequence).With("$internal", c.Internal ? 1 : 0)
                .With("$doc", JsonSerializer.Serialize(c, Json.Options));
            await comments.ExecuteNonQueryAsync(cancellationToken);
        }

        // A merge's copies: the ticket's write is conditional on the version that had not taken the merge, so none is
        // written twice.
        foreach (var copy in change.CopiedComments)
        {
            comments.Parameters.Clear();
            comments.With("$id", copy.Id).With("$ticket", copy.TicketId).With("$seq", copy.Sequence).With("$internal", copy.Internal ? 1 : 0)
                .With("$doc", JsonSerializer.Serialize(copy, Json.Options));
            await comments.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var i = 0; i < change.Attachments.Count; i++)
        {
            var a = change.Attachments[i];
            attachments.Parameters.Clear();
            attachments.With("$id", a.Id).With("$ticket", a.TicketId).With("$comment", a.CommentId).With("$seq", AttachmentOrder.Of(change, i))
                .With("$internal", a.Internal ? 1 : 0).With("$doc", JsonSerializer.Serialize(a, Json.Options));
            await attachments.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The ticket's tag rows as its document has them (none once it is deleted), each with the ticket's sort keys as the
    /// tickets row has them; <paramref name="replace"/> clears the old ones first, so every write refreshes the keys.
    /// </summary>
    private static async Task WriteTagsAsync(SqliteConnection connection, SqliteTransaction transaction, Ticket ticket, bool replace, CancellationToken cancellationToken)
    {
        if (replace)
        {
            await using var clear = connection.Command("DELETE FROM ticket_tags WHERE ticket_id = $ticket", transaction).With("$ticket", ticket.Id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        if (ticket.DeletedAt is not null || ticket.Tags.Count == 0) return;
        await using var insert = connection.Command("""
            INSERT INTO ticket_tags (tag, ticket_id, sort_created, sort_updated, sort_priority, sort_sla_due)
            VALUES ($tag, $ticket, $created, $updated, $rank, $slaDue)
            """, transaction);
        foreach (var tag in ticket.Tags)
        {
            insert.Parameters.Clear();
            await insert.With("$tag", tag).With("$ticket", ticket.Id)
                .With("$created", ticket.CreatedAt.Ticks()).With("$updated", ticket.UpdatedAt.Ticks()).With("$rank", (int)ticket.Priority)
                .With("$slaDue", SlaTicks(TicketIndexFields.SlaDueOf(ticket)))
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The ticket's CC and follower rows as its document has them (none once it is deleted); <paramref name="replace"/>
    /// clears the old ones first.
    /// </summary>
    private static async Task WritePeopleAsync(SqliteConnection connection, SqliteTransaction transaction, Ticket ticket, bool replace, CancellationToken cancellationToken)
    {
        if (replace)
        {
            await using var clear = connection.Command("DELETE FROM ticket_people WHERE ticket_id = $ticket", transaction).With("$ticket", ticket.Id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        if (ticket.DeletedAt is not null || (ticket.Ccs.Count == 0 && ticket.Followers.Count == 0)) return;
        await using var insert = connection.Command(
            "INSERT INTO ticket_people (role, person_id, ticket_id) VALUES ($role, $person, $ticket) ON CONFLICT DO NOTHING", transaction);
        foreach (var (role, person) in ticket.Ccs.Select(c => ("cc", c.Id)).Concat(ticket.Followers.Select(f => ("follower", f.Id))))
        {
            insert.Parameters.Clear();
            await insert.With("$role", role).With("$person", person).With("$ticket", ticket.Id).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private const string InsertTicket = """
        INSERT INTO tickets (id, number, status, priority_rank, category, requester_id, assignee_id, created_at, updated_at,
            first_response_at, resolved_at, first_response_due, resolution_due, sla_due, sla_phase, sla_warning, deleted, search_text, etag, doc, team_id,
            satisfaction_rating, satisfaction_at)
        VALUES ($id, $number, $status, $rank, $category, $requester, $assignee, $created, $updated,
            $responded, $resolved, $responseDue, $resolutionDue, $slaDue, $slaPhase, $slaWarning, $deleted, $search, $etag, $doc, $team,
            $satisfaction, $satisfiedAt)
        """;

    private const string InsertEvent = "INSERT INTO ticket_events (id, ticket_id, seq, type, internal, doc) VALUES ($id, $ticket, $seq, $type, $internal, $doc)";

    private const string InsertComment = "INSERT INTO ticket_comments (id, ticket_id, seq, internal, doc) VALUES ($id, $ticket, $seq, $internal, $doc)";

    private const string InsertAttachment = """
        INSERT INTO ticket_attachments (id, ticket_id, comment_id, seq, internal, doc) VALUES ($id, $ticket, $comment, $seq, $internal, $doc)
        """;

    /// <summary>The column holding each part of a sort key (all indexed together with the filters).</summary>
    private static string ColumnOf(TicketKeyPart part) => part switch
    {
        TicketKeyPart.CreatedAt => "created_at",
        TicketKeyPart.UpdatedAt => "updated_at",
        TicketKeyPart.Priority => "priority_rank",
        TicketKeyPart.SlaDue => "sla_due",
        _ => "id",
    };

    /// <summary>The same key's copy on a tag's row (<see cref="WriteTagsAsync"/>), which a tag's list sorts and pages by.</summary>
    private static string TagColumnOf(TicketKeyPart part) => part switch
    {
        TicketKeyPart.CreatedAt => "g.sort_created",
        TicketKeyPart.UpdatedAt => "g.sort_updated",
        TicketKeyPart.Priority => "g.sort_priority",
        TicketKeyPart.SlaDue => "g.sort_sla_due",
        _ => "g.ticket_id",
    };

    /// <summary>A key value as its column holds it: instants as ticks, "never" as the largest integer.</summary>
    private static object ColumnValue(object value) => value is DateTimeOffset instant ? SlaTicks(instant) : value;

    /// <summary>Rows written before <see cref="TicketIndexFields.Never"/> held <see cref="long.MaxValue"/> for "never"; so do new ones.</summary>
    private static long SlaTicks(DateTimeOffset instant) => instant == TicketIndexFields.Never ? long.MaxValue : instant.UtcTicks;

    private static void In(StringBuilder where, Parameters command, string column, IReadOnlyList<object> values)
    {
        if (values.Count == 0) return;
        var names = values.Select((_, i) => $"${column}{i}").ToList();
        for (var i = 0; i < values.Count; i++) command.With(names[i], values[i]);
        where.Append($" AND {column} IN ({string.Join(", ", names)})");
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static void Bind(SqliteCommand command, Ticket t)
    {
        var index = TicketIndexFields.Of(t);
        command
        .With("$id", t.Id)
        .With("$number", t.Number)
        .With("$status", Json.EnumName(t.Status))
        .With("$rank", (int)t.Priority)
        .With("$category", t.Category)
        .With("$requester", t.Requester.Id)
        .With("$assignee", t.Assignee?.Id)
        .With("$team", t.Team?.Id)
        .With("$created", t.CreatedAt.Ticks())
        .With("$updated", t.UpdatedAt.Ticks())
        .With("$responded", t.FirstResponseAt.Ticks())
        .With("$resolved", t.ResolvedAt.Ticks())
        .With("$responseDue", t.Sla.FirstResponseDueAt.Ticks())
        .With("$resolutionDue", t.Sla.ResolutionDueAt.Ticks())
        .With("$slaDue", SlaTicks(index.SlaDueAt))
        .With("$slaPhase", Json.EnumName(index.SlaPhase))
        .With("$slaWarning", SlaTicks(index.SlaWarningAt))
        .With("$deleted", t.DeletedAt is null ? 0 : 1)
        .With("$search", index.SearchText)
        .With("$etag", t.ETag)
        .With("$satisfaction", t.Satisfaction is { } rated ? Json.EnumName(rated.Rating) : null)
        .With("$satisfiedAt", t.Satisfaction?.At.Ticks())
        .With("$doc", JsonSerializer.Serialize(t, Json.Options));
    }

    /// <summary>
    /// The ticket of a row (doc, etag, …, id at <paramref name="idColumn"/>). A row whose ETag is the one last parsed for
    /// its id is that same immutable ticket, so it is not parsed again; any write gives the row a new ETag, so a changed
    /// ticket is always parsed anew: this never serves a stale version. Otherwise the document's UTF-8 bytes are parsed
    /// directly (no UTF-16 string to build and transcode back).
    /// </summary>
    private Ticket ReadTicket(SqliteDataReader reader, int idColumn)
    {
        var etag = reader.GetString(1);
        return _parsed.Get(reader.GetString(idColumn), etag, (reader, etag),
            static row => JsonSerializer.Deserialize<Ticket>(row.reader.GetFieldValue<byte[]>(0), Json.Options)! with { ETag = row.etag });
    }

    /// <summary>A list query's parameters, gathered while its text is built, then bound to the prepared statement.</summary>
    private sealed class Parameters
    {
        private readonly List<(string Name, object? Value)> _values = [];

        public Parameters With(string name, object? value)
        {
            _values.Add((name, value));
            return this;
        }

        public SqliteCommand Into(SqliteCommand command)
        {
            command.Parameters.Clear();
            foreach (var (name, value) in _values) command.With(name, value);
            return command;
        }
    }

}
