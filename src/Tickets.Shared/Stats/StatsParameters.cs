using Tickets.Common;

namespace Tickets.Stats;

/// <summary>The raw query string of <c>GET /stats</c>; <see cref="StatsService.GetAsync"/> validates it.</summary>
public sealed record StatsParameters(
    [Query("from", Type = QueryType.Instant, Description = "Start of the range; by default 30 days before `to`.")] string? From = null,
    [Query("to", Type = QueryType.Instant, Description = "End of the range (a date counts whole); by default now.")] string? To = null);
