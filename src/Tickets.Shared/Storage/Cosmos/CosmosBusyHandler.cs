using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace Tickets.Storage.Cosmos;

/// <summary>
/// The first handler of every Cosmos request (before the SDK's retries, so it sees what is left after them): a 429 past
/// <c>MaxRetryAttemptsOnRateLimitedRequests</c> or a 503 leaves the adapter as <see cref="StoreUnavailableException"/>,
/// never as a <see cref="CosmosException"/>. Batches, stream calls and queries all pass through here.
/// </summary>
public sealed class CosmosBusyHandler : RequestHandler
{
    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (CosmosException e) when (IsBusy(e.StatusCode))
        {
            throw Unavailable(e.StatusCode, e.RetryAfter, e);
        }

        if (!IsBusy(response.StatusCode)) return response;
        using (response) throw Unavailable(response.StatusCode, RetryAfterOf(response));
    }

    /// <summary>What Cosmos answers when it is throttling or briefly unavailable.</summary>
    public static bool IsBusy(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    public static StoreUnavailableException Unavailable(HttpStatusCode status, TimeSpan? retryAfter, Exception? cause = null) =>
        new($"Cosmos DB answered {(int)status}: throttling or unavailable after the SDK's retries.", retryAfter, cause);

    private static TimeSpan? RetryAfterOf(ResponseMessage response) =>
        double.TryParse(response.Headers["x-ms-retry-after-ms"], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms) : null;
}
