using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Idempotency;
using Tickets.Sla;
using Tickets.Stats;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.ContractTests;

/// <summary>What every ticket store must do: atomic change + history, ETag checks, numbering, keyset lists.</summary>
public abstract class TicketStoreContract(IStoreUnderTest store) : StoreContract(store)
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
        return await Tickets.CreateAsync(change);
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
        Assert.Empty(await Tickets.CountOpenByAssigneeAsync());
        var stats = await StatsOfLastDayAsync();
        Assert.Equal((0, 0L, (double?)null), (stats.Total, stats.ByStatus["open"], stats.Sla.CompliancePercent));
    }

    private async Task AssertSortsListNothingAsync(params TicketSort[] sorts)
    {
        var everyFilter = new TicketQuery
        {
            Statuses = [TicketStatus.Open], Priorities = [Priority.High], AssigneeIds = [Technician.Id], Unassigned = true,
            RequesterIds = [Requester.Id], OnlyRequesterId = Requester.Id, Categories = ["hardware"], Search = "impresora",
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

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), created.Select(t => t.Number).Order());
        foreach (var ticket in created) Assert.Equal(ticket, await Tickets.FindByNumberAsync(ticket.Number));
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
    private IIdempotencyStore Store => Get<IIdempotencyStore>();

    [StoreFact]
    public async Task FirstClaimWinsAndLaterClaimsSeeTheRecord()
    {
        var now = Time.GetUtcNow();
        Assert.Null(await Store.TryClaimAsync("k1", "hash-a", now, now.AddHours(24)));

        var inFlight = await Store.TryClaimAsync("k1", "hash-b", now, now.AddHours(24));
        await Store.CompleteAsync("k1", new StoredResponse(201, "{\"id\":\"x\"}", new Dictionary<string, string> { ["Location"] = "/x" }));
        var done = await Store.TryClaimAsync("k1", "hash-a", now, now.AddHours(24));

        Assert.Equal("hash-a", inFlight!.RequestHash);
        Assert.Null(inFlight.Response);
        Assert.Equal(201, done!.Response!.Status);
        Assert.Equal("/x", done.Response.Headers["Location"]);
    }

    [StoreFact]
    public async Task ReleasedClaimCanBeClaimedAgain()
    {
        var now = Time.GetUtcNow();
        await Store.TryClaimAsync("k2", "hash", now, now.AddHours(24));

        await Store.ReleaseAsync("k2");

        Assert.Null(await Store.TryClaimAsync("k2", "hash", now, now.AddHours(24)));
    }

    [StoreFact]
    public async Task ExpiredRecordIsReplaced()
    {
        var now = Time.GetUtcNow();
        await Store.TryClaimAsync("k3", "old", now, now.AddHours(24));
        await Store.CompleteAsync("k3", new StoredResponse(201, "{}", new Dictionary<string, string>()));

        Assert.Null(await Store.TryClaimAsync("k3", "new", now.AddHours(25), now.AddHours(49)));
    }
}
