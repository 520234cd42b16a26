namespace Tickets.SavedViews;

/// <summary>Saved views of the ticket list (SQLite: a row each; Cosmos: a <c>meta</c> document each).</summary>
public interface ISavedViewStore
{
    /// <summary>The shared views and <paramref name="ownerId"/>'s personal ones, by folded name, then id.</summary>
    Task<IReadOnlyList<SavedView>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default);

    Task<SavedView?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a new view (its id is new). A personal view is refused (false, nothing written) when its owner already has
    /// <paramref name="personalLimit"/> personal views.
    /// </summary>
    Task<bool> AddAsync(SavedView view, int personalLimit, CancellationToken cancellationToken = default);

    /// <summary>Replaces the view's name and query (false when it is gone).</summary>
    Task<bool> ReplaceAsync(SavedView view, CancellationToken cancellationToken = default);

    /// <summary>Removes the view (false when it was already gone).</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
