using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Idempotency;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>What every ticket store must do: atomic change + history, ETag checks, numbering, keyset lists.</summary>
public abstract partial class TicketStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private ITicketStore Tickets => Get<ITicketStore>();

    /// <summary>The figures as the stats service sums them from this store's projections.</summary>
    private async Task<TicketStats> StatsOfLastDayAsync()
    {
        var (from, now) = (Time.GetUtcNow().AddDays(-1), Time.GetUtcNow());
        return TicketStats.Of(from, now, now, await Tickets.FiguresAsync(from, now), await Tickets.OpenLoadAsync());
    }

    private static readonly TicketRules Rules = new(Options.Create(new TicketOptions()), new SlaPolicy(Options.Create(new SlaOptions())));
    private static readonly Actor Requester = new("requester-1", "Úrsula Usuaria", Role.User, "Contabilidad");
    private static readonly Actor Technician = new("tech-1", "Tomás Técnico", Role.Technician, "Soporte");
    private static readonly Actor Admin = new("admin-1", "Ana Admin", Role.Admin, "Sistemas");

    private async Task<Ticket> NewTicketAsync(string title = "La impresora no imprime", string priority = "medium", Actor? requester = null)
    {
        var number = await Tickets.NextNumberAsync();
        var change = Ticket.Create(Guid.NewGuid().ToString("N"), number, new CreateTicketRequest(title, "Descripción del problema.", priority),
            requester ?? Requester, Rules, Time.GetUtcNow()).Value;
        return (await Tickets.CreateAsync(change))!;
    }

    [StoreFact]
    public async Task CreatedTicketIsFoundByIdAndByNumberWithItsETag()
    {
        var created = await NewTicketAsync();

        var byId = await Tickets.FindAsync(created.Id);
        var byNumber = await Tickets.FindByNumberAsync(created.Number);

        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Equal(created, byId);
        Assert.Equal(created, byNumber);
    }

    [StoreFact]
    public async Task UnknownTicketIsNotFound()
    {
        Assert.Null(await Tickets.FindAsync("missing"));
        Assert.Null(await Tickets.FindByNumberAsync(999_999));
    }

    /// <summary>Runs every list, filter, sort, cursor and figure query once on nothing: each is valid SQL for the store.</summary>
    [StoreFact]
    public async Task EveryListAndFigureOfAnEmptyStoreIsEmpty()
    {
        await AssertSortsListNothingAsync(Enum.GetValues<TicketSort>());

        Assert.Empty((await Tickets.ListCommentsAsync("missing", true, new PageRequest(10, Cursor.Encode(["100"]), false))).Items);
        Assert.Empty((await Tickets.ListHistoryAsync("missing", false, new PageRequest(10, null, false))).Items);
        Assert.Empty((await Tickets.ListHistoryAsync("missing", RequesterTimeline.Types, new PageRequest(10, null, false))).Items);
        Assert.Empty(await Tickets.CountOpenByAssigneeAsync());
        Assert.Empty(await Tickets.ListTagsAsync("vp", 20));
        Assert.Empty(await Tickets.ListAttachmentsAsync("missing", includeInternal: true));
        Assert.Null(await Tickets.FindAttachmentAsync("missing", "missing"));
        var stats = await StatsOfLastDayAsync();
        Assert.Equal((0, 0L, (double?)null), (stats.Total, stats.ByStatus["open"], stats.Sla.CompliancePercent));
    }

    private async Task AssertSortsListNothingAsync(params TicketSort[] sorts)
    {
        var everyFilter = new TicketQuery
        {
            Statuses = [TicketStatus.Open], Priorities = [Priority.High], AssigneeIds = [Technician.Id], Unassigned = true,
            RequesterIds = [Requester.Id], OnlyRequesterId = Requester.Id, Categories = ["hardware"], Search = "impresora", Tag = "vpn",
            CreatedFrom = Time.GetUtcNow().AddDays(-1), CreatedTo = Time.GetUtcNow(), Page = new PageRequest(10, null, true),
            Sla = new SlaFilter(Enum.GetValues<SlaCondition>(), Time.GetUtcNow()),
        };

        foreach (var sort in sorts)
        {
            var page = await Tickets.ListAsync(everyFilter with { Sort = sort });
            var next = await Tickets.ListAsync(new TicketQuery { Sort = sort, Page = new PageRequest(10, EmptyStoreCursor(sort), false) });
            Assert.Equal((0, (long?)0, 0), (page.Items.Count, page.Total, next.Items.Count));
        }
    }

    /// <summary>A cursor every store can decode (sort name, key values as numbers, an id): it drives the keyset predicate, whatever the store's own encoding.</summary>
    private string EmptyStoreCursor(TicketSort sort) => sort is TicketSort.Priority or TicketSort.PriorityDescending
        ? Cursor.Encode([Json.EnumName(sort), "2", EmptyStoreTime(), "z"])
        : Cursor.Encode([Json.EnumName(sort), EmptyStoreTime(), "z"]);

    private string EmptyStoreTime() => Time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [StoreFact]
    public async Task NumbersAreSequentialAndNeverHandedOutTwice()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Tickets.NextNumberAsync()));

        Assert.Equal(Enumerable.Range(1, 25).Select(n => (long)n), numbers.Order());
    }

    [StoreFact]
    public async Task CreatingWithTheNextNumberNumbersEachTicketOnce()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => Tickets.CreateAsync(number =>
            Ticket.Create(Guid.NewGuid().ToString("N"), number, new CreateTicketRequest($"Sin red {n}", "No hay red.", null), Requester, Rules, Time.GetUtcNow()).Value)));

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), created.Select(t => t!.Number).Order());
        foreach (var ticket in created) Assert.Equal(ticket, await Tickets.FindByNumberAsync(ticket!.Number));
    }

    /// <summary>A create retried under the same id (an Idempotency-Key's takeover) is refused as a value, writing nothing.</summary>
    [StoreFact]
    public async Task ASecondTicketWithTheSameIdIsRefusedAndWritesNothing()
    {
        var id = Guid.NewGuid().ToString("N");
        TicketChange Build(long number, string title) =>
            Ticket.Create(id, number, new CreateTicketRequest(title, "No hay red.", null), Requester, Rules, Time.GetUtcNow()).Value;
        var first = await Tickets.CreateAsync(number => Build(number, "Primero"));

        var again = await Tickets.CreateAsync(number => Build(number, "Segundo"));
        var direct = await Tickets.CreateAsync(Build(await Tickets.NextNumberAsync(), "Tercero"));

        Assert.Null(again);
        Assert.Null(direct);
        Assert.Equal(first, await Tickets.FindAsync(id));
        Assert.Single((await Tickets.ListHistoryAsync(id, includeInternal: true, new PageRequest(10, null, false))).Items, e => e.Type == TicketEventType.Created);
        Assert.Null(await Tickets.FindByNumberAsync(first!.Number + 1));
    }

    /// <summary>A comment retried under the same id (an Idempotency-Key's takeover) is refused even on the current ETag, writing nothing.</summary>
    [StoreFact]
    public async Task ASecondCommentWithTheSameIdIsRefusedAndWritesNothing()
    {
        var ticket = await NewTicketAsync();
        var saved = (await Tickets.SaveAsync(ticket.AddComment(Technician, "comment-once", new CommentRequest("Voy para allá."), Rules, Time.GetUtcNow()).Value, ticket.ETag))!;

        var again = await Tickets.SaveAsync(saved.AddComment(Technician, "comment-once", new CommentRequest("Voy para allá."), Rules, Time.GetUtcNow()).Value, saved.ETag);

        Assert.Null(again);
        Assert.Equal(saved, await Tickets.FindAsync(ticket.Id));
        Assert.Single((await Tickets.ListCommentsAsync(ticket.Id, includeInternal: true, new PageRequest(10, null, false))).Items);
        Assert.Single((await Tickets.ListHistoryAsync(ticket.Id, includeInternal: true, new PageRequest(10, null, false))).Items, e => e.Type == TicketEventType.Commented);
    }

    [StoreFact]
    public async Task SaveWritesTheChangeItsEventsAndItsCommentTogether()
    {
        var ticket = await NewTicketAsync();
        var change = ticket.AddComment(Technician, "comment-1", new CommentRequest("Voy para allá."), Rules, Time.GetUtcNow()).Value;

        var saved = await Tickets.SaveAsync(change, ticket.ETag);

        Assert.NotNull(saved);
        Assert.NotEqual(ticket.ETag, saved.ETag);
        Assert.Equal(saved, await Tickets.FindAsync(ticket.Id));
        var comments = await Tickets.ListCommentsAsync(ticket.Id, includeInternal: false, new PageRequest(10, null, false));
        Assert.Equal("Voy para allá.", Assert.Single(comments.Items).Body);
        var history = await Tickets.ListHistoryAsync(ticket.Id, includeInternal: false, new PageRequest(10, null, false));
        Assert.Equal(
            [TicketEventType.Created, TicketEventType.SlaStarted, TicketEventType.Commented, TicketEventType.SlaMet],
            history.Items.Select(e => e.Type));
    }

    [StoreFact]
    public async Task ACommentIsFoundByItsIdWithinItsTicketOnly()
    {
        var ticket = await NewTicketAsync();
        var other = await NewTicketAsync("Otro ticket");
        var note = ticket.AddComment(Technician, "note-9", new CommentRequest("Nota interna", Internal: true), Rules, Time.GetUtcNow()).Value;
        await Tickets.SaveAsync(note, ticket.ETag);

        var found = await Tickets.FindCommentAsync(ticket.Id, "note-9");

        Assert.Equal(("Nota interna", true), (found?.Body, found?.Internal));
        Assert.Null(await Tickets.FindCommentAsync(other.Id, "note-9"));
        Assert.Null(await Tickets.FindCommentAsync(ticket.Id, "missing"));
    }

    [StoreFact]
    public async Task SaveBasedOnAStaleETagWritesNothing()
    {
        var ticket = await NewTicketAsync();
        var first = ticket.Edit(Admin, new UpdateTicketRequest(Title: "Primer cambio"), Rules, Time.GetUtcNow()).Value;
        var second = ticket.Edit(Admin, new UpdateTicketRequest(Title: "Cambio basado en lo viejo"), Rules, Time.GetUtcNow()).Value;
        var afterFirst = await Tickets.SaveAsync(first, ticket.ETag);

        var refused = await Tickets.SaveAsync(second, ticket.ETag);

        Assert.Null(refused);
        Assert.Equal(afterFirst, await Tickets.FindAsync(ticket.Id));
        var history = await Tickets.ListHistoryAsync(ticket.Id, true, new PageRequest(10, null, false));
        Assert.Single(history.Items, e => e.Type == TicketEventType.Updated);
    }

    [StoreFact]
    public async Task InternalNotesAndTheirEventsAreListedOnlyWhenAsked()
    {
        var ticket = await NewTicketAsync();
        var note = ticket.AddComment(Technician, "note-1", new CommentRequest("Nota interna", Internal: true), Rules, Time.GetUtcNow()).Value;
        ticket = (await Tickets.SaveAsync(note, ticket.ETag))!;
        var reply = ticket.AddComment(Technician, "reply-1", new CommentRequest("Respuesta pública"), Rules, Time.GetUtcNow()).Value;
        await Tickets.SaveAsync(reply, ticket.ETag);

        var forStaff = await Tickets.ListCommentsAsync(ticket.Id, true, new PageRequest(10, null, false));
        var forUser = await Tickets.ListCommentsAsync(ticket.Id, false, new PageRequest(10, null, false));
        var userHistory = await Tickets.ListHistoryAsync(ticket.Id, false, new PageRequest(10, null, false));

        Assert.Equal(["note-1", "reply-1"], forStaff.Items.Select(c => c.Id));
        Assert.Equal(["reply-1"], forUser.Items.Select(c => c.Id));
        Assert.Single(userHistory.Items, e => e.Type == TicketEventType.Commented);
    }

    [StoreFact]
    public async Task HistoryOfSomeTypesListsOnlyThoseOldestFirstAndNeverAboutInternalNotes()
    {
        var ticket = await NewTicketAsync();
        var now = Time.GetUtcNow();
        foreach (var step in new Func<Ticket, Result<TicketChange>>[]
        {
            t => t.AddComment(Technician, "note-1", new CommentRequest("Nota interna", Internal: true), Rules, now),
            t => t.Assign(Admin, new Assignee(Technician.Id, Technician.Name), now),
            t => t.AddComment(Technician, "reply-1", new CommentRequest("Respuesta pública", Status: "in_progress"), Rules, now),
            t => t.AddComment(Requester, "reply-2", new CommentRequest("Gracias"), Rules, now),
        })
            ticket = (await Tickets.SaveAsync(step(ticket).Value, ticket.ETag))!;

        var all = (await Tickets.ListHistoryAsync(ticket.Id, includeInternal: true, new PageRequest(100, null, false))).Items;
        var some = (await Tickets.ListHistoryAsync(ticket.Id, [TicketEventType.Created, TicketEventType.Commented, TicketEventType.StatusChanged],
            new PageRequest(100, null, false))).Items;

        Assert.Contains(all, e => e.Type == TicketEventType.SlaStarted);
        Assert.Equal(
            [TicketEventType.Created, TicketEventType.StatusChanged, TicketEventType.Commented],
            some.Select(e => e.Type));
        Assert.Equal(all.Where(e => e.Type is TicketEventType.Created or TicketEventType.StatusChanged || (e.Type == TicketEventType.Commented && !e.Data.GetProperty("internal").GetBoolean())).Select(e => e.Id),
            some.Select(e => e.Id));
    }

    [StoreFact]
    public async Task HistoryOfSomeTypesPagesByKeysetThroughEachOnce()
    {
        var ticket = await NewTicketAsync();
        for (var i = 0; i < 5; i++)
            ticket = (await Tickets.SaveAsync(ticket.AddComment(Requester, $"c{i}", new CommentRequest($"Comentario {i}"), Rules, Time.GetUtcNow()).Value, ticket.ETag))!;

        var seen = new List<TicketEvent>();
        string? cursor = null;
        do
        {
            var page = await Tickets.ListHistoryAsync(ticket.Id, [TicketEventType.Commented, TicketEventType.Created], new PageRequest(2, cursor, false));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(6, seen.Count);
        Assert.Equal(seen.Select(e => e.Sequence).Order(), seen.Select(e => e.Sequence));
        Assert.Equal(TicketEventType.Created, seen[0].Type);
    }

    [StoreFact]
    public async Task CommentsPageOldestFirst()
    {
        var ticket = await NewTicketAsync();
        for (var i = 0; i < 5; i++)
        {
            var change = ticket.AddComment(Requester, $"c{i}", new CommentRequest($"Comentario {i}"), Rules, Time.GetUtcNow()).Value;
            ticket = (await Tickets.SaveAsync(change, ticket.ETag))!;
        }

        var first = await Tickets.ListCommentsAsync(ticket.Id, false, new PageRequest(2, null, false));
        var second = await Tickets.ListCommentsAsync(ticket.Id, false, new PageRequest(2, first.NextCursor, false));
        var last = await Tickets.ListCommentsAsync(ticket.Id, false, new PageRequest(2, second.NextCursor, false));

        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], first.Items.Concat(second.Items).Concat(last.Items).Select(c => c.Id));
        Assert.Null(last.NextCursor);
    }

    [StoreTheory]
    [InlineData(TicketSort.CreatedAt)]
    [InlineData(TicketSort.CreatedAtDescending)]
    [InlineData(TicketSort.UpdatedAt)]
    [InlineData(TicketSort.UpdatedAtDescending)]
    [InlineData(TicketSort.Priority)]
    [InlineData(TicketSort.PriorityDescending)]
    [InlineData(TicketSort.SlaDue)]
    public async Task EverySortPagesThroughEveryTicketOnceEvenWithEqualTimestamps(TicketSort sort)
    {
        string[] priorities = ["low", "medium", "high", "critical"];
        var ids = new List<string>();
        for (var i = 0; i < 17; i++)
        {
            ids.Add((await NewTicketAsync($"Ticket {i}", priorities[i % 4])).Id);
            if (i % 3 == 0) Time.Advance(TimeSpan.FromMinutes(1));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Tickets.ListAsync(new TicketQuery { Sort = sort, Page = new PageRequest(4, cursor, false) });
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [StoreFact]
    public async Task ListFiltersCombineAndLeaveOutDeletedTickets()
    {
        var other = new Actor("requester-2", "Otra Persona", Role.User, "Ventas");
        var printer = await NewTicketAsync("Impresión rota", "high");
        var network = await NewTicketAsync("Red caída", "critical");
        await NewTicketAsync("Impresora de otra persona", "high", other);
        var assigned = printer.Assign(Admin, new Assignee(Technician.Id, Technician.Name), Time.GetUtcNow()).Value;
        await Tickets.SaveAsync(assigned, printer.ETag);
        var deleted = network.Delete(Admin, Time.GetUtcNow()).Value;
        await Tickets.SaveAsync(deleted, network.ETag);

        async Task<IEnumerable<string>> Titles(TicketQuery query) =>
            (await Tickets.ListAsync(query with { Page = new PageRequest(50, null, true) })).Items.Select(t => t.Title).Order();
        var all = new TicketQuery { Page = new PageRequest(50, null, true) };

        Assert.Equal(["Impresión rota", "Impresora de otra persona"], await Titles(all));
        Assert.Equal(["Impresión rota"], await Titles(all with { AssigneeIds = [Technician.Id] }));
        Assert.Equal(["Impresora de otra persona"], await Titles(all with { Unassigned = true }));
        Assert.Equal(["Impresión rota"], await Titles(all with { OnlyRequesterId = Requester.Id }));
        Assert.Equal(["Impresión rota", "Impresora de otra persona"], await Titles(all with { Search = Text.Fold("IMPRES") }));
        Assert.Equal(["Impresora de otra persona"], await Titles(all with { RequesterIds = [other.Id], Priorities = [Priority.High] }));
        Assert.Empty(await Titles(all with { Statuses = [TicketStatus.Closed] }));
        Assert.Equal(2, (await Tickets.ListAsync(all)).Total);
    }

    [StoreFact]
    public async Task OpenWorkIsCountedPerAssignee()
    {
        var ticket = await NewTicketAsync();
        await Tickets.SaveAsync(ticket.Assign(Admin, new Assignee(Technician.Id, Technician.Name), Time.GetUtcNow()).Value, ticket.ETag);
        await NewTicketAsync();

        var load = await Tickets.CountOpenByAssigneeAsync();

        Assert.Equal(new Dictionary<string, int> { [Technician.Id] = 1 }, load);
    }

    [StoreFact]
    public async Task OpenLoadCountsEachAssigneeAndTheUnassignedQueue()
    {
        var ticket = await NewTicketAsync();
        await Tickets.SaveAsync(ticket.Assign(Admin, new Assignee(Technician.Id, Technician.Name), Time.GetUtcNow()).Value, ticket.ETag);
        await NewTicketAsync();
        await NewTicketAsync();

        var load = (await Tickets.OpenLoadAsync()).OrderBy(l => l.AssigneeId, StringComparer.Ordinal).ToList();

        Assert.Equal([new AssigneeLoad(null, null, 2), new AssigneeLoad(Technician.Id, Technician.Name, 1)], load);
    }

    [StoreFact]
    public async Task StatsCountByStatusAndPriorityAndMeasureFirstResponse()
    {
        var ticket = await NewTicketAsync(priority: "critical");
        await NewTicketAsync(priority: "low");
        Time.Advance(TimeSpan.FromMinutes(30));
        await Tickets.SaveAsync(ticket.AddComment(Technician, "c", new CommentRequest("Voy."), Rules, Time.GetUtcNow()).Value, ticket.ETag);

        var stats = await StatsOfLastDayAsync();

        Assert.Equal(2, stats.Total);
        Assert.Equal(2, stats.ByStatus["open"]);
        Assert.Equal(1, stats.ByPriority["critical"]);
        Assert.Equal(30, stats.MeanMinutesToFirstResponse);
        Assert.Equal(1, stats.Sla.Met);
        Assert.Equal(0, stats.Sla.Breached);
        Assert.Equal(2, Assert.Single(stats.CreatedPerDay).Count);
    }

    [StoreFact]
    public async Task SlaFilterFindsTicketsByTheirConditionAtTheMomentAsked()
    {
        var scene = SlaScenes.EveryCondition(Rules, Time);
        foreach (var ticket in scene) await Tickets.CreateAsync(new TicketChange(ticket, []));

        await SlaScenes.AssertEveryConditionIsListedAsync(Tickets, Time.GetUtcNow());
    }

    [StoreFact]
    public async Task SlaFilterAgreesWithTheConditionTheServerShowsAtEveryMoment()
    {
        foreach (var ticket in SlaScenes.EveryCondition(Rules, Time)) await Tickets.CreateAsync(new TicketChange(ticket, []));

        await SlaScenes.AssertFilterAgreesWithEvaluateAsync(Tickets, Get<SlaPolicy>(), Time.GetUtcNow());
    }

    [StoreFact]
    public async Task StatsReportSlaCompliancePerPriorityAndTheMedianFirstResponse()
    {
        foreach (var ticket in SlaScenes.FirstResponses(Rules, Time)) await Tickets.CreateAsync(new TicketChange(ticket, []));

        SlaScenes.AssertFirstResponseFigures(await StatsOfLastDayAsync());
    }
}

public abstract class IdempotencyStoreContract(IStoreUnderTest store) : StoreContract(store)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private IIdempotencyStore Store => Get<IIdempotencyStore>();

    private IdempotencyRecord Claim(string key, string hash, DateTimeOffset? at = null)
    {
        var now = at ?? Time.GetUtcNow();
        return new IdempotencyRecord(key, hash, now, now.AddHours(24)) { ResourceId = Guid.NewGuid().ToString("N") };
    }

    private static StoredResponse Created(string location) => new(201, "{\"id\":\"x\"}", new Dictionary<string, string> { ["Location"] = location });

    [StoreFact]
    public async Task AFreeKeyIsClaimedWithItsResourceId()
    {
        var claim = Claim("fresh", "hash-a");

        var claimed = await Store.ClaimAsync(claim, Lease);

        Assert.Equal(ClaimOutcome.Claimed, claimed.Outcome);
        Assert.Equal(claim.ResourceId, claimed.Record.ResourceId);
        Assert.Equal(claim.ClaimedAt, claimed.Record.ClaimedAt);
    }

    [StoreFact]
    public async Task ALiveClaimInsideItsLeaseIsHeldWithItsClaimTime()
    {
        var first = Claim("live", "hash-a");
        await Store.ClaimAsync(first, Lease);

        var retry = await Store.ClaimAsync(Claim("live", "hash-a", first.ClaimedAt + Lease - TimeSpan.FromSeconds(1)), Lease);

        Assert.Equal(ClaimOutcome.Held, retry.Outcome);
        Assert.Null(retry.Record.Response);
        Assert.Equal(first.ClaimedAt, retry.Record.ClaimedAt);
        Assert.Equal(first.ResourceId, retry.Record.ResourceId);
    }

    [StoreFact]
    public async Task ALapsedClaimIsTakenOverByExactlyOneOfTwoConcurrentTakersKeepingItsResourceId()
    {
        var first = Claim("lapsed", "hash-a");
        await Store.ClaimAsync(first, Lease);
        var later = first.ClaimedAt + Lease + TimeSpan.FromSeconds(1);

        var takers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Store.ClaimAsync(Claim("lapsed", "hash-a", later), Lease)));

        var winner = Assert.Single(takers, t => t.Outcome == ClaimOutcome.TakenOver);
        var loser = Assert.Single(takers, t => t.Outcome == ClaimOutcome.Held);
        Assert.Equal(first.ResourceId, winner.Record.ResourceId);
        Assert.Equal(later, winner.Record.ClaimedAt);
        Assert.Equal(later, loser.Record.ClaimedAt);
        Assert.Equal(ClaimOutcome.Held, (await Store.ClaimAsync(Claim("lapsed", "hash-a", later + TimeSpan.FromSeconds(1)), Lease)).Outcome);
    }

    [StoreFact]
    public async Task ALapsedClaimIsNotTakenOverWithAnotherBody()
    {
        var first = Claim("other-body", "hash-a");
        await Store.ClaimAsync(first, Lease);

        var other = await Store.ClaimAsync(Claim("other-body", "hash-b", first.ClaimedAt + Lease * 2), Lease);

        Assert.Equal(ClaimOutcome.Held, other.Outcome);
        Assert.Equal("hash-a", other.Record.RequestHash);
    }

    [StoreFact]
    public async Task ACompletedResponseIsReplayedEvenAfterTheLease()
    {
        var first = Claim("done", "hash-a");
        await Store.ClaimAsync(first, Lease);
        await Store.CompleteAsync("done", Created("/x"));

        var retry = await Store.ClaimAsync(Claim("done", "hash-a", first.ClaimedAt + Lease * 2), Lease);
        var otherBody = await Store.ClaimAsync(Claim("done", "hash-b", first.ClaimedAt + Lease * 2), Lease);

        Assert.Equal(ClaimOutcome.Held, retry.Outcome);
        Assert.Equal(201, retry.Record.Response!.Status);
        Assert.Equal("/x", retry.Record.Response.Headers["Location"]);
        Assert.Equal(ClaimOutcome.Held, otherBody.Outcome);
        Assert.Equal("hash-a", otherBody.Record.RequestHash);
    }

    [StoreFact]
    public async Task AReleasedClaimCanBeClaimedAgainButNotOneTakenOverSince()
    {
        var first = Claim("released", "hash-a");
        await Store.ClaimAsync(first, Lease);
        await Store.ReleaseAsync("released", first.ClaimedAt);
        Assert.Equal(ClaimOutcome.Claimed, (await Store.ClaimAsync(Claim("released", "hash-b"), Lease)).Outcome);

        var second = Claim("taken", "hash-a");
        await Store.ClaimAsync(second, Lease);
        var takeover = await Store.ClaimAsync(Claim("taken", "hash-a", second.ClaimedAt + Lease), Lease);
        await Store.ReleaseAsync("taken", second.ClaimedAt);

        Assert.Equal(ClaimOutcome.TakenOver, takeover.Outcome);
        Assert.Equal(ClaimOutcome.Held, (await Store.ClaimAsync(Claim("taken", "hash-a", takeover.Record.ClaimedAt), Lease)).Outcome);
    }

    [StoreFact]
    public async Task ExpiredRecordIsReplaced()
    {
        var first = Claim("expired", "old");
        await Store.ClaimAsync(first, Lease);
        await Store.CompleteAsync("expired", Created("/old"));

        var replaced = await Store.ClaimAsync(Claim("expired", "new", first.ClaimedAt.AddHours(25)), Lease);

        Assert.Equal(ClaimOutcome.Claimed, replaced.Outcome);
        Assert.Equal("new", replaced.Record.RequestHash);
        Assert.Null(replaced.Record.Response);
    }
}
