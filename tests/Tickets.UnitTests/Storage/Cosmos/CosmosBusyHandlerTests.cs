using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Storage;
using Tickets.Storage.Cosmos;

namespace Tickets.UnitTests.Storage.Cosmos;

/// <summary>What the SDK's retries leave of throttling leaves the adapters as a store-level "busy", never as a CosmosException.</summary>
public sealed class CosmosBusyHandlerTests
{
    [Fact]
    public async Task ThrottlingPastTheRetriesIsABusyStoreWithTheServersRetryAfter()
    {
        var response = new ResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers["x-ms-retry-after-ms"] = "3200";

        var busy = await Assert.ThrowsAsync<StoreUnavailableException>(() => Send(_ => response));

        Assert.Equal(TimeSpan.FromMilliseconds(3200), busy.RetryAfter);
    }

    [Fact]
    public async Task AnUnavailableServiceThrownByTheSdkIsABusyStore()
    {
        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => Send(_ => throw new CosmosException("down", HttpStatusCode.ServiceUnavailable, 0, "a", 1)));
    }

    [Fact]
    public async Task OtherAnswersPassThroughForTheAdapterToJudge()
    {
        using var response = await Send(_ => new ResponseMessage(HttpStatusCode.NotFound));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<ResponseMessage> Send(Func<RequestMessage, ResponseMessage> answer) =>
        new CosmosBusyHandler { InnerHandler = new Answering(answer) }
            .SendAsync(new RequestMessage(HttpMethod.Get, new Uri("dbs/tickets/colls/tickets/docs/t1", UriKind.Relative)), CancellationToken.None);

    private sealed class Answering(Func<RequestMessage, ResponseMessage> answer) : RequestHandler
    {
        public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
