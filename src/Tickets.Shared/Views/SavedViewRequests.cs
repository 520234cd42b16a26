namespace Tickets.SavedViews;

/// <summary><c>POST /views</c>: <c>shared</c> defaults to false (a personal view); only admins save shared ones.</summary>
public sealed record CreateSavedViewRequest(string? Name, string? Query, bool? Shared = null);

/// <summary><c>PATCH /views/{id}</c>: absent fields stay. Whether a view is shared is chosen when it is saved.</summary>
public sealed record UpdateSavedViewRequest(string? Name = null, string? Query = null);
