namespace Tickets.Common;

/// <summary>The query string of a list that only pages: <c>limit</c> and <c>cursor</c>.</summary>
public sealed record PageParameters(
    [Query("limit", Type = QueryType.Integer, Minimum = 1, Maximum = PageRequest.MaxLimit, Default = "25", Description = "Items per page.")]
    string? Limit = null,
    [Query("cursor", Description = "The nextCursor of the previous page.")] string? Cursor = null);
