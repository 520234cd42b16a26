using System.ComponentModel.DataAnnotations;

namespace Tickets.Idempotency;

/// <summary><c>Tickets:Idempotency</c>: how long an unfinished <c>Idempotency-Key</c> claim blocks its key.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Tickets:Idempotency";

    /// <summary>
    /// A claim older than this whose request never finished (connection reset, process killed) is taken over by the next
    /// request with the same key and body. Longer than a create or comment takes; a retry inside it gets 409 with Retry-After.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
