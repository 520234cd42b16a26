using Tickets.Common;

namespace Tickets.Users;

/// <summary>The raw query string of <c>GET /users</c>; <see cref="UserAdministration.ListAsync"/> validates it.</summary>
public sealed record UserListParameters(
    [Query("role", Values = typeof(Role), List = true)] string? Role = null,
    [Query("active", Type = QueryType.Boolean)] string? Active = null,
    [Query("department", Description = "Only accounts of this department (ignoring case).")] string? Department = null,
    [Query("q", Description = "Searches names, e-mail, DNI and department, ignoring case and accents.")] string? Search = null,
    [Query("limit", Type = QueryType.Integer, Minimum = 1, Maximum = PageRequest.MaxLimit, Default = "25", Description = "Items per page.")]
    string? Limit = null,
    [Query("cursor", Description = "The nextCursor of the previous page.")] string? Cursor = null,
    [Query("includeTotal", Type = QueryType.Boolean, Default = "false", Description = "Also count every match (total).")]
    string? IncludeTotal = null);
