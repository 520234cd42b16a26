using System.Net;
using Microsoft.Azure.Cosmos;
using Moq;

namespace Tickets.UnitTests.Storage.Cosmos;

/// <summary>Small helpers to stub the SDK's response types on a mocked <see cref="Container"/>.</summary>
internal static class CosmosMocks
{
    public static ItemResponse<T> Item<T>(T resource, string etag = "\"etag-1\"")
    {
        var response = new Mock<ItemResponse<T>>();
        response.SetupGet(r => r.Resource).Returns(resource);
        response.SetupGet(r => r.ETag).Returns(etag);
        response.SetupGet(r => r.StatusCode).Returns(HttpStatusCode.OK);
        return response.Object;
    }

    public static CosmosException Status(HttpStatusCode status) => new($"Stubbed {(int)status}", status, 0, "activity", 1);

    /// <summary>One page of query results; captures the query so tests can look at its text and parameters.</summary>
    public static void SetupQuery<T>(this Mock<Container> container, IReadOnlyList<T> results, List<QueryDefinition> captured)
    {
        container
            .Setup(c => c.GetItemQueryIterator<T>(It.IsAny<QueryDefinition>(), It.IsAny<string?>(), It.IsAny<QueryRequestOptions?>()))
            .Returns((QueryDefinition query, string? _, QueryRequestOptions? _) =>
            {
                captured.Add(query);
                var page = new Mock<FeedResponse<T>>();
                page.Setup(p => p.GetEnumerator()).Returns(() => results.GetEnumerator());
                var iterator = new Mock<FeedIterator<T>>();
                iterator.SetupSequence(i => i.HasMoreResults).Returns(true).Returns(false);
                iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).ReturnsAsync(page.Object);
                return iterator.Object;
            });
    }
}
