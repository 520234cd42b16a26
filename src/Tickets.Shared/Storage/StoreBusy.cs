using Tickets.Common;

namespace Tickets.Storage;

/// <summary>
/// The one mapping of a busy store (<see cref="StoreUnavailableException"/>, however deep an SDK wrapped it) to an
/// expected failure: a 503 with <c>Retry-After</c> to the caller, not a 500.
/// </summary>
public static class StoreBusy
{
    public static Error? From(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreUnavailableException busy)
            {
                return new Error(ErrorKind.Unavailable, "store_busy", "The store is busy.", "Try again shortly.")
                {
                    RetryAfter = busy.RetryAfter,
                    Extensions = new Dictionary<string, object?> { ["dependency"] = "store" },
                };
            }
        }

        return null;
    }
}
