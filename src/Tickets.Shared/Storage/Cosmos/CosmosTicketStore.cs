using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// Tickets in the <c>tickets</c> container, one logical partition per ticket (<c>/ticketId</c>) holding the ticket, its
/// comments, its history and its files' records: a change is one <see cref="TransactionalBatch"/> (replace with <c>If-Match</c> + new
/// documents), a read by id is a point read. Numbers and assignment turns are patch-incremented counters in <c>meta</c>,
/// where a <c>number:{n}</c> document also maps a number to its ticket. Lists are one parameterised keyset query.
/// </summary>
public sealed class CosmosTicketStore(Container tickets, Container meta) : ITicketStore
{
    private static readonly string[] OpenStatuses = [.. new[] { TicketStatus.Open, TicketStatus.InProgress, TicketStatus.OnHold }.Select(Json.EnumName)];
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };
    private static readonly TransactionalBatchItemRequestOptions NoBatchContent = new() { EnableContentResponseOnWrite = false };
    private const int CounterAttempts = 10;

    public Task<long> NextNumberAsync(CancellationToken cancellationToken = default) => NextAsync(MetaIds.TicketNumberCounter, cancellationToken);

    public Task<long> NextAssignmentTurnAsync(CancellationToken cancellationToken = default) => NextAsync(MetaIds.AssignmentTurnCounter, cancellationToken);

    /// <summary>The counter document's patch first (its own partition, so it cannot join the ticket's batch), then the batch.</summary>
    public async Task<Ticket?> CreateAsync(Func<long, TicketChange> build, CancellationToken cancellationToken = default) =>
        await CreateAsync(build(await NextNumberAsync(cancellationToken)), cancellationToken);

    public async Task<Ticket?> CreateAsync(TicketChange change, CancellationToken cancellationToken = default)
    {
        var ticket = change.Ticket;

        // The number is already reserved (never reused), so the lookup can go first: if the batch then fails, a lookup
        // without its ticket is left behind, and FindByNumber answers "not found" for it, as for any unused number.
        var lookupId = MetaIds.TicketNumber(ticket.Number);
        await meta.CreateItemAsync(new TicketNumberDocument(lookupId, ticket.Id), new PartitionKey(lookupId), NoContent, cancellationToken);

        var batch = Append(tickets.CreateTransactionalBatch(new PartitionKey(ticket.Id))
            .CreateItem(TicketDocument.From(ticket), NoBatchContent), change);
        using var response = await batch.ExecuteAsync(cancellationToken);
        // 409: a ticket with this id exists (a retried create with an Idempotency-Key); the batch wrote nothing, and the
        // lookup left behind points at a ticket with another number, which FindByNumber does not answer for.
        if (response.StatusCode == HttpStatusCode.Conflict) return null;
        if (!response.IsSuccessStatusCode) throw Failure(response, "create", ticket.Id);
        return ticket with { ETag = CosmosETag.Unquote(response[0].ETag) };
    }

    public async Task<Ticket?> SaveAsync(TicketChange change, string expectedETag, CancellationToken cancellationToken = default)
    {
        var ticket = change.Ticket;
        var batch = Append(tickets.CreateTransactionalBatch(new PartitionKey(ticket.Id))
            .ReplaceItem(ticket.Id, TicketDocument.From(ticket),
                new TransactionalBatchItemRequestOptions { IfMatchEtag = CosmosETag.Quote(expectedETag), EnableContentResponseOnWrite = false }),
            change);
        using var response = await batch.ExecuteAsync(cancellationToken);
        if (response.IsSuccessStatusCode) return ticket with { ETag = CosmosETag.Unquote(response[0].ETag) };

        // 412: someone changed the ticket since it was read; 404: it is gone; 409: the comment's id is taken (a comment
        // retried under its Idempotency-Key's id). Either way the batch wrote nothing.
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound or HttpStatusCode.Conflict) return null;
        throw Failure(response, "save", ticket.Id);
    }

    public async Task<Ticket?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var read = await tickets.ReadOrNullAsync<TicketDocument>(id, new PartitionKey(id), cancellationToken);
        return read is { Document: { Type: TicketDocumentTypes.Ticket } document, ETag: var etag } ? document.ToTicket(etag) : null;
    }

    public async Task<Ticket?> FindByNumberAsync(long number, CancellationToken cancellationToken = default)
    {
        var lookupId = MetaIds.TicketNumber(number);
        var lookup = await meta.ReadOrNullAsync<TicketNumberDocument>(lookupId, new PartitionKey(lookupId), cancellationToken);
        if (lookup is null) return null;
        var ticket = await FindAsync(lookup.Value.Document.TicketId, cancellationToken);
        return ticket?.Number == number ? ticket : null;
    }

    public async Task<Page<Ticket>> ListAsync(TicketQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new Sql("c.type = @type AND c.deleted = false").With("@type", TicketDocumentTypes.Ticket);
        sql.In("c.status", "@statuses", query.Statuses.Select(Json.EnumName).ToArray());
        sql.In("c.priorityRank", "@priorities", query.Priorities.Select(p => (int)p).ToArray());
        sql.In("c.requesterId", "@requesters", query.RequesterIds.ToArray());
        sql.In("c.category", "@categories", query.Categories.ToArray());
        if (query.TeamIds is { Count: 0 }) sql.And("false");
        else sql.In("c.teamId", "@teams", (query.TeamIds ?? []).ToArray());
        if (query.AssigneeIds.Count > 0 && query.Unassigned)
            sql.And("(ARRAY_CONTAINS(@assignees, c.assigneeId) OR IS_NULL(c.assigneeId))").With("@assignees", query.AssigneeIds.ToArray());
        else if (query.AssigneeIds.Count > 0)
            sql.In("c.assigneeId", "@assignees", query.AssigneeIds.ToArray());
        else if (query.Unassigned)
            sql.And("IS_NULL(c.assigneeId)");
        if (query.OnlyRequesterId is { } only) sql.And("c.requesterId = @only").With("@only", only);
        if (query.Search is { } search) sql.And("CONTAINS(c.searchText, @search)").With("@search", search);
        if (query.Tag is { } tag) sql.And("ARRAY_CONTAINS(c.tags, @tag)").With("@tag", tag);
        if (query.CcId is { } cc) sql.And("ARRAY_CONTAINS(c.ccIds, @cc)").With("@cc", cc);
        if (query.FollowerId is { } follower) sql.And("ARRAY_CONTAINS(c.followerIds, @follower)").With("@follower", follower);
        if (query.CreatedFrom is { } from) sql.And("c.createdAt >= @from").With("@from", SortableTime.Of(from));
        if (query.CreatedTo is { } to) sql.And("c.createdAt <= @to").With("@to", SortableTime.Of(to));
        if (query.Sla is { } sla)
        {
            var conditions = sla.Conditions.Select(c => SlaStanding.Predicate(c, "c.slaPhase", "c.slaWarningAt", "c.slaDueAt", "@slaNow"));
            sql.And($"({string.Join(" OR ", conditions)})").With("@slaNow", SortableTime.Of(sla.AsOf));
        }

        long? total = null;
        if (query.Page.IncludeTotal)
            total = (await tickets.QueryAllAsync<long>(sql.Query("SELECT VALUE COUNT(1) FROM c WHERE {0}"), cancellationToken)).SingleOrDefault();

        var keyset = TicketKeyset.Of(query.Sort);
        if (query.Page.Cursor is not null && TicketKeyset.TryDecode(query.Page.Cursor, query.Sort, out var after))
            sql.After(keyset, after);

        sql.With("@take", query.Page.Take);
        var order = string.Join(", ", keyset.Parts.Select(p => $"{PathOf(p)} {(keyset.Descending ? "DESC" : "ASC")}"));
        var documents = await tickets.QueryAllAsync<TicketDocument>(sql.Query($"SELECT TOP @take * FROM c WHERE {{0}} ORDER BY {order}"), cancellationToken);
        var found = documents.Select(d => d.ToTicket(d.ETag ?? "")).ToList();
        return Page.OfOneExtra(found, query.Page, last => TicketKeyset.KeyOf(last, query.Sort), total);
    }

    /// <summary>
    /// A cross-partition query of the matching tags of tagged tickets (one small string per tag), counted here: tags live
    /// on each ticket's document, and a counter per tag could not join the ticket's batch (another partition).
    /// </summary>
    public async Task<IReadOnlyList<TagCount>> ListTagsAsync(string prefix, int limit, CancellationToken cancellationToken = default)
    {
        var tags = await tickets.QueryAllAsync<string>(new QueryDefinition("""
                SELECT VALUE t FROM c JOIN t IN c.tags
                WHERE c.type = @type AND c.deleted = false AND STARTSWITH(t, @prefix)
                """)
            .WithParameter("@type", TicketDocumentTypes.Ticket)
            .WithParameter("@prefix", prefix), cancellationToken);
        return tags.CountBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(limit).Select(c => new TagCount(c.Key, c.Value)).ToList();
    }

    public async Task<Page<Comment>> ListCommentsAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default)
    {
        var documents = await ListChildrenAsync<CommentDocument>(TicketDocumentTypes.Comment, ticketId, includeInternal, page, d => d.Seq, cancellationToken);
        return documents.Map(d => d.ToComment());
    }

    public async Task<Comment?> FindCommentAsync(string ticketId, string commentId, CancellationToken cancellationToken = default)
    {
        var read = await tickets.ReadOrNullAsync<CommentDocument>(CommentDocument.IdOf(commentId), new PartitionKey(ticketId), cancellationToken);
        return read is { Document: { Type: TicketDocumentTypes.Comment } document } ? document.ToComment() : null;
    }

    /// <summary>A partition-scoped query, in the order the changes wrote them (a ticket holds tens of files, not thousands).</summary>
    public async Task<IReadOnlyList<Attachment>> ListAttachmentsAsync(string ticketId, bool includeInternal, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.ticketId = @ticket AND c.type = @type"
                + (includeInternal ? string.Empty : " AND c.internal = false")
                + " ORDER BY c.seq")
            .WithParameter("@ticket", ticketId)
            .WithParameter("@type", TicketDocumentTypes.Attachment);
        var documents = await tickets.QueryAllAsync<AttachmentDocument>(query, cancellationToken, new QueryRequestOptions { PartitionKey = new PartitionKey(ticketId) });
        return documents.Select(d => d.Attachment).ToList();
    }

    public async Task<Attachment?> FindAttachmentAsync(string ticketId, string attachmentId, CancellationToken cancellationToken = default)
    {
        var read = await tickets.ReadOrNullAsync<AttachmentDocument>(AttachmentDocument.IdOf(attachmentId), new PartitionKey(ticketId), cancellationToken);
        return read is { Document: { Type: TicketDocumentTypes.Attachment } document } ? document.Attachment : null;
    }

    public async Task<Page<TicketEvent>> ListHistoryAsync(string ticketId, bool includeInternal, PageRequest page, CancellationToken cancellationToken = default)
    {
        var documents = await ListChildrenAsync<EventDocument>(TicketDocumentTypes.Event, ticketId, includeInternal, page, d => d.Seq, cancellationToken);
        return documents.Map(d => d.ToEvent());
    }

    public async Task<Page<TicketEvent>> ListHistoryAsync(
        string ticketId, IReadOnlyCollection<TicketEventType> types, PageRequest page, CancellationToken cancellationToken = default)
    {
        var documents = await ListChildrenAsync<EventDocument>(TicketDocumentTypes.Event, ticketId, includeInternal: false, page, d => d.Seq, cancellationToken, types);
        return documents.Map(d => d.ToEvent());
    }

    public async Task<bool> AnyOpenInTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        (await tickets.QueryAllAsync<long>(new QueryDefinition("""
                SELECT VALUE COUNT(1) FROM c
                WHERE c.type = @type AND c.deleted = false AND c.teamId = @team AND ARRAY_CONTAINS(@open, c.status)
                """)
            .WithParameter("@type", TicketDocumentTypes.Ticket)
            .WithParameter("@team", teamId)
            .WithParameter("@open", OpenStatuses), cancellationToken)).SingleOrDefault() > 0;

    public async Task<IReadOnlyDictionary<string, int>> CountOpenByAssigneeAsync(CancellationToken cancellationToken = default) =>
        (await OpenWorkAsync(cancellationToken))
            .Where(w => w.AssigneeId is not null)
            .GroupBy(w => w.AssigneeId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public async Task<IReadOnlyList<TicketFigures>> FiguresAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // One projection of the period's tickets: the same documents a GROUP BY would read (that is what Cosmos charges
        // for), and the rules stay one C# definition (TicketStats.Of, summed by the stats service).
        var rows = await tickets.QueryAllAsync<FiguresRow>(new QueryDefinition("""
                SELECT c.status, c.priorityRank, c.ticket.createdAt, c.ticket.firstResponseAt, c.ticket.resolvedAt, c.ticket.sla
                FROM c WHERE c.type = @type AND c.deleted = false AND c.createdAt >= @from AND c.createdAt <= @to
                """)
            .WithParameter("@type", TicketDocumentTypes.Ticket)
            .WithParameter("@from", SortableTime.Of(from))
            .WithParameter("@to", SortableTime.Of(to)), cancellationToken);
        return rows.Select(r => r.ToFigures()).ToList();
    }

    public async Task<IReadOnlyList<AssigneeLoad>> OpenLoadAsync(CancellationToken cancellationToken = default) =>
        (await OpenWorkAsync(cancellationToken))
            .GroupBy(w => w.AssigneeId)
            .Select(g => new AssigneeLoad(g.Key, g.Max(w => w.AssigneeName), g.LongCount()))
            .ToList();

    /// <summary>Patch-increment (atomic on the server); the first use creates the counter, and a lost creation race patches again.</summary>
    private async Task<long> NextAsync(string counterId, CancellationToken cancellationToken)
    {
        var partitionKey = new PartitionKey(counterId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await meta.PatchItemAsync<CounterDocument>(counterId, partitionKey, [PatchOperation.Increment("/value", 1)],
                    cancellationToken: cancellationToken);
                return response.Resource.Value;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    await meta.CreateItemAsync(new CounterDocument(counterId, 1), partitionKey, NoContent, cancellationToken);
                    return 1;
                }
                catch (CosmosException c) when (c.StatusCode == HttpStatusCode.Conflict && attempt < CounterAttempts)
                {
                    // Another instance created it first: increment theirs.
                }
            }
        }
    }

    /// <summary>Open work across tickets (a cross-partition query of small projections; the backlog, not the history).</summary>
    private Task<List<OpenWork>> OpenWorkAsync(CancellationToken cancellationToken) =>
        tickets.QueryAllAsync<OpenWork>(new QueryDefinition("""
                SELECT c.assigneeId, c.ticket.assignee.name AS assigneeName FROM c
                WHERE c.type = @type AND c.deleted = false AND ARRAY_CONTAINS(@open, c.status)
                """)
            .WithParameter("@type", TicketDocumentTypes.Ticket)
            .WithParameter("@open", OpenStatuses), cancellationToken);

    /// <summary>A partition-scoped keyset page over <c>seq</c> (revision × 100 + position: the order the change wrote them in).</summary>
    /// <param name="eventTypes">Events only: just these types (null: all).</param>
    private async Task<Page<T>> ListChildrenAsync<T>(
        string type, string ticketId, bool includeInternal, PageRequest page, Func<T, long> sequenceOf, CancellationToken cancellationToken,
        IReadOnlyCollection<TicketEventType>? eventTypes = null)
    {
        // Services pass only cursors they signed (checked there), so one that does not decode starts at the beginning.
        if (!TicketKeyset.TryDecodeSequence(page.Cursor, out var after)) after = -1;
        var text = "SELECT TOP @take * FROM c WHERE c.ticketId = @ticket AND c.type = @type AND c.seq > @after"
            + (includeInternal ? string.Empty : " AND c.internal = false")
            + (eventTypes is null ? string.Empty : " AND ARRAY_CONTAINS(@eventTypes, c.event.type)")
            + " ORDER BY c.seq";
        var query = new QueryDefinition(text)
            .WithParameter("@take", page.Take)
            .WithParameter("@ticket", ticketId)
            .WithParameter("@type", type)
            .WithParameter("@after", after);
        if (eventTypes is not null) query = query.WithParameter("@eventTypes", eventTypes.Select(Json.EnumName).ToArray());
        var items = await tickets.QueryAllAsync<T>(query, cancellationToken, new QueryRequestOptions { PartitionKey = new PartitionKey(ticketId) });
        return Page.OfOneExtra(items, page, last => TicketKeyset.SequenceKey(sequenceOf(last)));
    }

    private static TransactionalBatch Append(TransactionalBatch batch, TicketChange change)
    {
        foreach (var e in change.Events) batch.CreateItem(EventDocument.From(e), NoBatchContent);
        if (change.Comment is { } comment) batch.CreateItem(CommentDocument.From(comment), NoBatchContent);
        foreach (var copy in change.CopiedComments) batch.CreateItem(CommentDocument.From(copy), NoBatchContent);
        foreach (var message in change.Outbox) batch.CreateItem(OutboxDocument.From(message), NoBatchContent);
        for (var i = 0; i < change.Attachments.Count; i++)
            batch.CreateItem(AttachmentDocument.From(change.Attachments[i], AttachmentOrder.Of(change, i)), NoBatchContent);
        return batch;
    }

    /// <summary>
    /// A failed batch: throttling or unavailability is a busy store (as <see cref="CosmosBusyHandler"/> makes of every
    /// other call); anything else stays unexpected.
    /// </summary>
    private static Exception Failure(TransactionalBatchResponse response, string operation, string ticketId) =>
        CosmosBusyHandler.IsBusy(response.StatusCode)
            ? CosmosBusyHandler.Unavailable(response.StatusCode, response.RetryAfter)
            : new InvalidOperationException(
                $"Ticket {operation} batch for {ticketId} failed with {(int)response.StatusCode} (activity {response.ActivityId}): {response.ErrorMessage}");

    /// <summary>The indexed top-level path holding each part of a sort key (see <see cref="CosmosModel"/>'s composite indexes).</summary>
    private static string PathOf(TicketKeyPart part) => part switch
    {
        TicketKeyPart.CreatedAt => "c.createdAt",
        TicketKeyPart.UpdatedAt => "c.updatedAt",
        TicketKeyPart.Priority => "c.priorityRank",
        TicketKeyPart.SlaDue => "c.slaDueAt",
        _ => "c.id",
    };

    /// <summary>A WHERE clause built from fixed fragments; every value a client sent is a parameter.</summary>
    private sealed class Sql(string initial)
    {
        private readonly StringBuilder _where = new(initial);
        private readonly List<(string Name, object Value)> _parameters = [];

        public Sql And(string predicate)
        {
            _where.Append(" AND ").Append(predicate);
            return this;
        }

        public Sql With(string name, object value)
        {
            _parameters.Add((name, value));
            return this;
        }

        /// <summary>Strictly after the cursor in this order: (a &gt; x) OR (a = x AND b &gt; y) OR … (Cosmos has no row comparison).</summary>
        public void After(TicketKeyset keyset, IReadOnlyList<object> values)
        {
            var beyond = keyset.Descending ? "<" : ">";
            var options = new List<string>();
            for (var i = 0; i < keyset.Parts.Count; i++)
            {
                var equal = Enumerable.Range(0, i).Select(j => $"{PathOf(keyset.Parts[j])} = @after{j}");
                options.Add("(" + string.Join(" AND ", equal.Append($"{PathOf(keyset.Parts[i])} {beyond} @after{i}")) + ")");
                With($"@after{i}", values[i] is DateTimeOffset instant ? SortableTime.Of(instant) : values[i]);
            }

            And("(" + string.Join(" OR ", options) + ")");
        }

        public void In<T>(string path, string name, T[] values)
        {
            if (values.Length > 0) And($"ARRAY_CONTAINS({name}, {path})").With(name, values);
        }

        public QueryDefinition Query(string template)
        {
            var definition = new QueryDefinition(string.Format(CultureInfo.InvariantCulture, template, _where));
            foreach (var (name, value) in _parameters) definition.WithParameter(name, value);
            return definition;
        }
    }
}
