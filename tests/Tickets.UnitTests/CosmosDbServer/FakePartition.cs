using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Moq;

namespace Tickets.UnitTests.CosmosDbServer;

/// <summary>
/// One logical partition behind a mocked <see cref="Container"/>'s single-item stream calls (and the batch's one query),
/// as cosmosdb-server answers them (404, 409, 412 on a stale If-Match, a new ETag per write), writing down every write it is asked for, and with a
/// hook to fail chosen writes the way only a server finds out (a unique key).
/// </summary>
internal sealed class FakePartition
{
    private readonly Dictionary<string, (string Body, string ETag)> _items = new(StringComparer.Ordinal);
    private int _etags;

    public FakePartition()
    {
        Container.Setup(c => c.ReadItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, PartitionKey _, ItemRequestOptions? _, CancellationToken _) =>
                _items.TryGetValue(id, out var item) ? Answer(HttpStatusCode.OK, item) : new ResponseMessage(HttpStatusCode.NotFound));
        Container.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string?>(), It.IsAny<QueryRequestOptions?>()))
            .Returns((QueryDefinition query, string? _, QueryRequestOptions? _) => Query(query));
        Container.Setup(c => c.CreateItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Stream body, PartitionKey _, ItemRequestOptions? _, CancellationToken _) => Create(Read(body)));
        Container.Setup(c => c.ReplaceItemStreamAsync(It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Stream body, string id, PartitionKey _, ItemRequestOptions? options, CancellationToken _) => Replace(id, Read(body), options?.IfMatchEtag));
        Container.Setup(c => c.DeleteItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, PartitionKey _, ItemRequestOptions? options, CancellationToken _) => Delete(id, options?.IfMatchEtag));
    }

    public Mock<Container> Container { get; } = new();

    /// <summary>Every write, in order: "create a", "replace b if e2", "delete a if e3".</summary>
    public List<string> Writes { get; } = [];

    /// <summary>A status a create of this id answers although the id is free (what a unique key conflict looks like).</summary>
    public Func<string, HttpStatusCode?> FailCreate { get; set; } = _ => null;

    /// <summary>Runs before each write: lets a test change an item behind the batch's back.</summary>
    public Action<string> BeforeWrite { get; set; } = _ => { };

    public string Seed(string id, int n) => Put(id, Document(id, n));

    /// <summary>What a request outside any batch does: a new version of the item.</summary>
    public string Touch(string id) => Put(id, _items[id].Body);

    public int? N(string id) => _items.TryGetValue(id, out var item) ? JsonDocument.Parse(item.Body).RootElement.GetProperty("n").GetInt32() : null;

    public string? ETag(string id) => _items.TryGetValue(id, out var item) ? item.ETag : null;

    public static string Document(string id, int n) => JsonSerializer.Serialize(new { id, n });

    /// <summary>The batch's one read: <c>ARRAY_CONTAINS(@ids, c.id)</c>, answered with the items and their <c>_etag</c>.</summary>
    private FeedIterator Query(QueryDefinition query)
    {
        var ids = (string[])query.GetQueryParameters().Single(p => p.Name == "@ids").Value;
        var documents = ids.Where(_items.ContainsKey).Select(id =>
        {
            var document = System.Text.Json.Nodes.JsonNode.Parse(_items[id].Body)!.AsObject();
            document["_etag"] = _items[id].ETag;
            return document.ToJsonString();
        });
        var page = new ResponseMessage(HttpStatusCode.OK)
        {
            Content = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Documents\":[{string.Join(",", documents)}]}}")),
        };
        var iterator = new Mock<FeedIterator>();
        iterator.SetupSequence(i => i.HasMoreResults).Returns(true).Returns(false);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).ReturnsAsync(page);
        return iterator.Object;
    }

    private ResponseMessage Create(string body)
    {
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        BeforeWrite(id);
        Writes.Add($"create {id}");
        if (_items.ContainsKey(id)) return new ResponseMessage(HttpStatusCode.Conflict);
        if (FailCreate(id) is { } status) return new ResponseMessage(status);
        Put(id, body);
        return Answer(HttpStatusCode.Created, _items[id]);
    }

    private ResponseMessage Replace(string id, string body, string? ifMatch)
    {
        BeforeWrite(id);
        Writes.Add($"replace {id} if {ifMatch}");
        if (!_items.TryGetValue(id, out var item)) return new ResponseMessage(HttpStatusCode.NotFound);
        if (ifMatch is not null && ifMatch != item.ETag) return new ResponseMessage(HttpStatusCode.PreconditionFailed);
        Put(id, body);
        return Answer(HttpStatusCode.OK, _items[id]);
    }

    private ResponseMessage Delete(string id, string? ifMatch)
    {
        BeforeWrite(id);
        Writes.Add($"delete {id} if {ifMatch}");
        if (!_items.TryGetValue(id, out var item)) return new ResponseMessage(HttpStatusCode.NotFound);
        if (ifMatch is not null && ifMatch != item.ETag) return new ResponseMessage(HttpStatusCode.PreconditionFailed);
        _items.Remove(id);
        return new ResponseMessage(HttpStatusCode.NoContent);
    }

    private string Put(string id, string body)
    {
        var etag = $"e{++_etags}";
        _items[id] = (body, etag);
        return etag;
    }

    private static ResponseMessage Answer(HttpStatusCode status, (string Body, string ETag) item)
    {
        var response = new ResponseMessage(status) { Content = new MemoryStream(Encoding.UTF8.GetBytes(item.Body)) };
        response.Headers.Add("etag", item.ETag);
        return response;
    }

    private static string Read(Stream body) => new StreamReader(body).ReadToEnd();
}
