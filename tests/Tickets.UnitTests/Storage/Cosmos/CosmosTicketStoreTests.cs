using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;
using Tickets.Common;
using Tickets.Storage;
using Tickets.Storage.Cosmos;
using Tickets.Tickets;
using Tickets.UnitTests.Tickets;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class CosmosTicketStoreTests
{
    private readonly Mock<Container> _tickets = new(MockBehavior.Strict);
    private readonly Mock<Container> _meta = new(MockBehavior.Strict);
    private readonly Mock<TransactionalBatch> _batch = new(MockBehavior.Strict);
    private readonly List<QueryDefinition> _queries = [];
    private readonly List<object> _created = [];
    private readonly List<TransactionalBatchItemRequestOptions?> _replaceOptions = [];

    private CosmosTicketStore Store => new(_tickets.Object, _meta.Object);

    private static readonly Ticket Ticket = Build.NewTicket() with { ETag = "etag-1" };

    private void SetupBatch(HttpStatusCode status = HttpStatusCode.OK)
    {
        _tickets.Setup(c => c.CreateTransactionalBatch(It.IsAny<PartitionKey>())).Returns(_batch.Object);
        _batch.Setup(b => b.CreateItem(It.IsAny<EventDocument>(), It.IsAny<TransactionalBatchItemRequestOptions?>()))
            .Callback((EventDocument d, TransactionalBatchItemRequestOptions? _) => _created.Add(d)).Returns(_batch.Object);
        _batch.Setup(b => b.CreateItem(It.IsAny<CommentDocument>(), It.IsAny<TransactionalBatchItemRequestOptions?>()))
            .Callback((CommentDocument d, TransactionalBatchItemRequestOptions? _) => _created.Add(d)).Returns(_batch.Object);
        _batch.Setup(b => b.CreateItem(It.IsAny<TicketDocument>(), It.IsAny<TransactionalBatchItemRequestOptions?>()))
            .Callback((TicketDocument d, TransactionalBatchItemRequestOptions? _) => _created.Add(d)).Returns(_batch.Object);
        _batch.Setup(b => b.ReplaceItem(It.IsAny<string>(), It.IsAny<TicketDocument>(), It.IsAny<TransactionalBatchItemRequestOptions?>()))
            .Callback((string _, TicketDocument _, TransactionalBatchItemRequestOptions? o) => _replaceOptions.Add(o)).Returns(_batch.Object);

        var result = new Mock<TransactionalBatchOperationResult>();
        result.SetupGet(r => r.ETag).Returns("\"etag-2\"");
        var response = new Mock<TransactionalBatchResponse>();
        response.SetupGet(r => r.StatusCode).Returns(status);
        response.SetupGet(r => r.IsSuccessStatusCode).Returns(status == HttpStatusCode.OK);
        response.SetupGet(r => r[0]).Returns(result.Object);
        _batch.Setup(b => b.ExecuteAsync(It.IsAny<CancellationToken>())).ReturnsAsync(response.Object);
    }

    private TicketChange Comment() => Ticket.AddComment(Build.Technician, "comment-1", new CommentRequest("Voy."), Build.Rules(), Build.Start).Ok();

    [Fact]
    public async Task ACommentIsAPointReadInItsTicketsPartition()
    {
        var comment = Comment().Comment!;
        _tickets
            .Setup(c => c.ReadItemAsync<CommentDocument>("comment:comment-1", new PartitionKey(Ticket.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(CommentDocument.From(comment), "\"etag-c\""));

        var found = await Store.FindCommentAsync(Ticket.Id, "comment-1");

        Assert.Equal(comment, found);
        _tickets.Verify(c => c.ReadItemAsync<CommentDocument>("comment:comment-1", new PartitionKey(Ticket.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _tickets.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task FindByIdIsAPointReadInTheTicketsOwnPartition()
    {
        _tickets
            .Setup(c => c.ReadItemAsync<TicketDocument>(Ticket.Id, new PartitionKey(Ticket.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(TicketDocument.From(Ticket), "\"etag-1\""));

        var found = await Store.FindAsync(Ticket.Id);

        Assert.Equal(Ticket, found);
        _tickets.Verify(c => c.ReadItemAsync<TicketDocument>(Ticket.Id, new PartitionKey(Ticket.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        _tickets.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task FindByNumberIsTwoPointReadsNotAQuery()
    {
        _meta
            .Setup(c => c.ReadItemAsync<TicketNumberDocument>("number:1", new PartitionKey("number:1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new TicketNumberDocument("number:1", Ticket.Id)));
        _tickets
            .Setup(c => c.ReadItemAsync<TicketDocument>(Ticket.Id, new PartitionKey(Ticket.Id), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(TicketDocument.From(Ticket), "\"etag-1\""));

        Assert.Equal(Ticket.Id, (await Store.FindByNumberAsync(1))?.Id);
        _tickets.Verify(c => c.GetItemQueryIterator<TicketDocument>(It.IsAny<QueryDefinition>(), It.IsAny<string?>(), It.IsAny<QueryRequestOptions?>()), Times.Never);
    }

    [Fact]
    public async Task NumberLookupWithoutItsTicketReadsAsNotFound()
    {
        _meta
            .Setup(c => c.ReadItemAsync<TicketNumberDocument>("number:7", new PartitionKey("number:7"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new TicketNumberDocument("number:7", "lost")));
        _tickets
            .Setup(c => c.ReadItemAsync<TicketDocument>("lost", new PartitionKey("lost"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.NotFound));

        Assert.Null(await Store.FindByNumberAsync(7));
    }

    [Fact]
    public async Task ChangeIsOneBatchOnTheTicketsPartitionWithIfMatchOnTheReplace()
    {
        SetupBatch();
        var change = Comment();

        var saved = await Store.SaveAsync(change, "etag-1");

        Assert.Equal("etag-2", saved?.ETag);
        _tickets.Verify(c => c.CreateTransactionalBatch(new PartitionKey(Ticket.Id)), Times.Once);
        Assert.Equal("\"etag-1\"", Assert.Single(_replaceOptions)?.IfMatchEtag);
        Assert.Equal(change.Events.Count + 1, _created.Count);
        _batch.Verify(b => b.ExecuteAsync(It.IsAny<CancellationToken>()), Times.Once);
        _tickets.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StaleETagWritesNothingAndAnswersNull()
    {
        SetupBatch(HttpStatusCode.PreconditionFailed);

        Assert.Null(await Store.SaveAsync(Comment(), "stale"));
    }

    [Fact]
    public async Task ThrottledBatchIsABusyStore()
    {
        SetupBatch(HttpStatusCode.TooManyRequests);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.SaveAsync(Comment(), "etag-1"));
    }

    [Fact]
    public async Task CreateWritesTheNumberLookupThenOneBatchOfTicketAndEvents()
    {
        SetupBatch();
        _meta.Setup(c => c.CreateItemAsync(It.IsAny<TicketNumberDocument>(), new PartitionKey("number:1"), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new TicketNumberDocument("number:1", Ticket.Id)));
        var change = Ticket.Create(Ticket.Id, 1, new CreateTicketRequest("Título", "Descripción.", "high"), Build.Requester, Build.Rules(), Build.Start).Ok();

        var created = await Store.CreateAsync(change);

        Assert.Equal("etag-2", created!.ETag);
        _tickets.Verify(c => c.CreateTransactionalBatch(new PartitionKey(Ticket.Id)), Times.Once);
        Assert.Equal(1 + change.Events.Count, _created.Count);
        Assert.Empty(_replaceOptions);
    }

    [Fact]
    public async Task NumbersArePatchIncrementsOfTheCounter()
    {
        IReadOnlyList<PatchOperation>? patch = null;
        _meta.Setup(c => c.PatchItemAsync<CounterDocument>(MetaIds.TicketNumberCounter, new PartitionKey(MetaIds.TicketNumberCounter),
                It.IsAny<IReadOnlyList<PatchOperation>>(), It.IsAny<PatchItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, PartitionKey _, IReadOnlyList<PatchOperation> ops, PatchItemRequestOptions? _, CancellationToken _) => patch = ops)
            .ReturnsAsync(CosmosMocks.Item(new CounterDocument(MetaIds.TicketNumberCounter, 42)));

        Assert.Equal(42, await Store.NextNumberAsync());
        var operation = Assert.Single(patch!);
        Assert.Equal((PatchOperationType.Increment, "/value"), (operation.OperationType, operation.Path));
    }

    [Fact]
    public async Task FirstNumberCreatesTheCounter()
    {
        _meta.Setup(c => c.PatchItemAsync<CounterDocument>(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<IReadOnlyList<PatchOperation>>(),
                It.IsAny<PatchItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(CosmosMocks.Status(HttpStatusCode.NotFound));
        _meta.Setup(c => c.CreateItemAsync(It.Is<CounterDocument>(d => d.Value == 1), new PartitionKey(MetaIds.AssignmentTurnCounter),
                It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CosmosMocks.Item(new CounterDocument(MetaIds.AssignmentTurnCounter, 1)));

        Assert.Equal(1, await Store.NextAssignmentTurnAsync());
    }

    [Fact]
    public async Task ListQueryCarriesEveryFilterAndCursorValueAsAParameter()
    {
        _tickets.SetupQuery<TicketDocument>([], _queries);
        const string Hostile = "x' OR 1=1 --";
        var created = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var cursor = Cursor.Encode(["priority", "2", created.UtcTicks.ToString(CultureInfo.InvariantCulture), Hostile]);

        await Store.ListAsync(new TicketQuery
        {
            Search = Hostile, Categories = [Hostile], RequesterIds = [Hostile], AssigneeIds = [Hostile], OnlyRequesterId = Hostile,
            Sort = TicketSort.Priority, Page = new PageRequest(25, cursor, false),
        });

        var query = Assert.Single(_queries);
        Assert.DoesNotContain("OR 1=1", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("ORDER BY c.priorityRank ASC, c.createdAt ASC, c.id ASC", query.QueryText, StringComparison.Ordinal);
        Assert.Contains(query.GetQueryParameters(), p => p.Name == "@search" && (string)p.Value == Hostile);
        Assert.Contains(query.GetQueryParameters(), p => p.Name == "@after1" && (string)p.Value == "2026-03-02T09:00:00.0000000Z");
        Assert.Contains(query.GetQueryParameters(), p => p.Name == "@after2" && (string)p.Value == Hostile);
        Assert.Contains(query.GetQueryParameters(), p => p.Name == "@take" && (int)p.Value == 26);
    }

    [Fact]
    public async Task HistoryIsAPartitionScopedKeysetQuery()
    {
        QueryRequestOptions? options = null;
        _tickets.Setup(c => c.GetItemQueryIterator<EventDocument>(It.IsAny<QueryDefinition>(), It.IsAny<string?>(), It.IsAny<QueryRequestOptions?>()))
            .Callback((QueryDefinition q, string? _, QueryRequestOptions? o) =>
            {
                _queries.Add(q);
                options = o;
            })
            .Returns(EmptyIterator<EventDocument>());

        await Store.ListHistoryAsync(Ticket.Id, includeInternal: false, new PageRequest(10, Cursor.Encode(["300"]), false));

        Assert.Equal(new PartitionKey(Ticket.Id), options?.PartitionKey);
        var query = Assert.Single(_queries);
        Assert.Contains("c.seq > @after", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("c.internal = false", query.QueryText, StringComparison.Ordinal);
        Assert.Contains(query.GetQueryParameters(), p => p.Name == "@after" && (long)p.Value == 300);
    }

    private static FeedIterator<T> EmptyIterator<T>()
    {
        var page = new Mock<FeedResponse<T>>();
        page.Setup(p => p.GetEnumerator()).Returns(() => new List<T>().GetEnumerator());
        var iterator = new Mock<FeedIterator<T>>();
        iterator.SetupSequence(i => i.HasMoreResults).Returns(true).Returns(false);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).ReturnsAsync(page.Object);
        return iterator.Object;
    }
}
