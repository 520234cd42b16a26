
namespace Tickets.Storage.Cosmos;

/// <summary>Recent password attempts for one throttle key, in one small document that expires a day after the last one.</summary>
internal sealed record LoginThrottleDocument
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentTypes.LoginThrottle;

    /// <summary>The throttle key (an account, possibly with an address hash).</summary>
    public required string Email { get; init; }

    public required IReadOnlyList<DateTimeOffset> Failures { get; init; }
    public int Ttl { get; init; } = (int)Retention.TotalSeconds;
}
