using Tickets.Common;

namespace Tickets.Reports;

/// <summary>The raw query string of <c>GET /reports/summary</c> (and its CSV); <see cref="ReportService"/> validates it.</summary>
public sealed record ReportParameters(
    [Query("from", Description = "First date (yyyy-MM-dd, in the organisation's time zone) of the tickets' creation; by default 29 days before `to`.")] string? From = null,
    [Query("to", Description = "Last date (yyyy-MM-dd, counted whole); by default today.")] string? To = null,
    [Query("teamId", MaxLength = ReportService.MaxKeyLength, Description = "Only tickets of this team.")] string? TeamId = null,
    [Query("category", MaxLength = ReportService.MaxKeyLength, Description = "Only tickets of this category.")] string? Category = null);
