using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tickets.Functions.Health;

/// <summary>The body of a 200 from <c>/health</c>: <c>ok</c>, or <c>degraded</c> with the poison queues that hold messages.</summary>
public sealed record HealthStatus(
    [property: Description("ok, or degraded while a poison queue holds messages.")] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("When degraded: the poison queues holding messages (their counts are in /health/details, for admins).")]
    IReadOnlyList<string>? PoisonQueues = null);

/// <summary><c>GET /health/details</c>: <c>ok</c> or <c>degraded</c> (a dependency down, or a poison queue holding messages), the store, and every queue with its backlog.</summary>
public sealed record HealthDetails(string Status, bool StoreReachable, IReadOnlyList<QueueHealthView> Queues);

/// <summary>One queue; <c>approximateMessages</c> is null when it does not answer.</summary>
public sealed record QueueHealthView(string Name, bool Reachable, int? ApproximateMessages, bool Poison);
