using Tickets.Common;
using Tickets.Storage;

namespace Tickets.UnitTests.Storage;

public sealed class StoreBusyTests
{
    [Fact]
    public void ABusyStoreIsA503WithItsRetryAfter()
    {
        var error = StoreBusy.From(new StoreUnavailableException("busy", TimeSpan.FromMilliseconds(3200)));

        Assert.Equal((ErrorKind.Unavailable, "store_busy", TimeSpan.FromMilliseconds(3200)), (error?.Kind, error?.Code, error?.RetryAfter));
    }

    [Fact]
    public void ABusyStoreWithoutAHintIsRetriedAfterOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), StoreBusy.From(new StoreUnavailableException("busy"))?.RetryAfter);
    }

    [Fact]
    public void ABusyStoreIsFoundInsideWhateverWrappedIt()
    {
        var wrapped = new InvalidOperationException("query failed", new StoreUnavailableException("busy"));

        Assert.Equal(ErrorKind.Unavailable, StoreBusy.From(wrapped)?.Kind);
    }

    [Fact]
    public void OtherFailuresStayUnexpected()
    {
        Assert.Null(StoreBusy.From(new InvalidOperationException()));
    }
}
