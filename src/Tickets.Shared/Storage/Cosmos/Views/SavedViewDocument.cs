using Tickets.SavedViews;

namespace Tickets.Storage.Cosmos.Views;

/// <summary>
/// A saved view in <c>meta</c> (<c>view:{id}</c>, its own logical partition): the view nested in <c>view</c>, and at the
/// top level what the list filters on (<c>ownerId</c>, <c>shared</c>; the default range index serves both).
/// </summary>
internal sealed record SavedViewDocument
{
    public const string DocumentType = "savedView";

    public required string Id { get; init; }
    public string Type { get; init; } = DocumentType;
    public required string OwnerId { get; init; }
    public required bool Shared { get; init; }
    public required string NameKey { get; init; }
    public required SavedView View { get; init; }

    public static string IdOf(string viewId) => "view:" + viewId;

    public static SavedViewDocument From(SavedView view) => new()
    {
        Id = IdOf(view.Id),
        OwnerId = view.OwnerId,
        Shared = view.Shared,
        NameKey = view.NameKey,
        View = view,
    };
}
