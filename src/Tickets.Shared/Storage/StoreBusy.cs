using System.Net;
using Microsoft.Azure.Cosmos;
using Tickets.Common;

namespace Tickets.Storage;

/// <summary>
/// A store that is throttling or briefly unavailable after the SDK's own retries (Cosmos 429 past
/// <c>MaxRetryAttemptsOnRateLimitedRequests</c>, or 503) is a 503 with <c>Retry-After</c> to the caller, not a 500.
/// </summary>
public static class StoreBusy
{
    public static Error? From(Exception exception) => exception switch
    {
        CosmosException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } cosmos =>
            new Error(ErrorKind.Unavailable, "store_busy", "The store is busy.", "Try again shortly.")
            {
                RetryAfter = cosmos.RetryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1),
                Extensions = new Dictionary<string, object?> { ["dependency"] = "store" },
            },
        _ => null,
    };
}
