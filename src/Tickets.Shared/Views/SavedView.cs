using System.Text.Json.Serialization;
using Tickets.Common;

namespace Tickets.SavedViews;

/// <summary>
/// A named query of the ticket list, shown as a tab on the staff queue. <see cref="Query"/> is the list's own query
/// string (<c>status=on_hold&amp;q=vpn&amp;sort=-createdAt</c>), normalised and validated when saved. A personal view is
/// its owner's alone; a shared one every staff member sees and only admins change.
/// </summary>
public sealed record SavedView(string Id, string Name, string Query, bool Shared, string OwnerId)
{
    /// <summary>What views sort by: the name folded (case and accents ignored).</summary>
    [JsonIgnore]
    public string NameKey => Text.Fold(Name);
}

/// <summary><c>GET /views</c>: the views the caller sees, shared and own, by name.</summary>
public sealed record SavedViewList(IReadOnlyList<SavedView> Items);
