namespace Tickets.Functions.Health;

/// <summary>The body of a healthy answer.</summary>
public sealed record HealthStatus(string Status);

/// <summary><c>GET /health/details</c>: <c>ok</c> or <c>degraded</c>, the store, and every queue with its backlog.</summary>
public sealed record HealthDetails(string Status, bool StoreReachable, IReadOnlyList<QueueHealthView> Queues);

/// <summary>One queue; <c>approximateMessages</c> is null when it does not answer.</summary>
public sealed record QueueHealthView(string Name, bool Reachable, int? ApproximateMessages, bool Poison);
