namespace Tickets.Macros;

/// <summary>Canned responses. Lists are small (a person's own and the shared ones), so they are read whole.</summary>
public interface IMacroStore
{
    /// <summary>The shared macros and <paramref name="ownerId"/>'s personal ones, by name (case and accents folded), then id.</summary>
    Task<IReadOnlyList<Macro>> ListVisibleAsync(string ownerId, CancellationToken cancellationToken = default);

    Task<Macro?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes a new macro (its id is new); returns it with its first ETag.</summary>
    Task<Macro> CreateAsync(Macro macro, CancellationToken cancellationToken = default);

    /// <summary>Replaces the macro if it still has <paramref name="expectedETag"/>; null, writing nothing, if it changed or is gone.</summary>
    Task<Macro?> SaveAsync(Macro macro, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Removes the macro if it still has <paramref name="expectedETag"/>; false if it changed or is gone.</summary>
    Task<bool> DeleteAsync(string id, string expectedETag, CancellationToken cancellationToken = default);
}
