using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Common;
using Tickets.Storage;

namespace Tickets.UnitTests.Storage.Cosmos;

public sealed class StoreBusyTests
{
    [Fact]
    public void ThrottlingPastTheSdkRetriesIsA503WithRetryAfter()
    {
        var error = StoreBusy.From(new CosmosException("busy", HttpStatusCode.TooManyRequests, 3200, "a", 1));

        Assert.Equal(ErrorKind.Unavailable, error?.Kind);
        Assert.NotNull(error?.RetryAfter);
    }

    [Fact]
    public void OtherFailuresStayUnexpected()
    {
        Assert.Null(StoreBusy.From(new CosmosException("bad", HttpStatusCode.BadRequest, 0, "a", 1)));
        Assert.Null(StoreBusy.From(new InvalidOperationException()));
    }
}
