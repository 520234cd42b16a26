using Tickets.Administration.Audit;

namespace Tickets.Administration.Categories;

/// <summary>
/// The categories. Every admin change writes its audit entry in the same atomic write (SQLite: one transaction; Cosmos:
/// one batch in the configuration partition). Categories are never deleted (tickets keep theirs): they are deactivated.
/// </summary>
public interface ICategoryStore
{
    /// <summary>Every category, active or not, in order (then by id).</summary>
    Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken = default);

    Task<Category?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Writes a new category and <paramref name="audit"/>; null, writing nothing, when its id is taken.</summary>
    Task<Category?> CreateAsync(Category category, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Replaces the category if it still has <paramref name="expectedETag"/>, with <paramref name="audit"/>; null, writing nothing, if it changed.</summary>
    Task<Category?> SaveAsync(Category category, string expectedETag, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="categories"/> only if the store has never been seeded, atomically (two instances starting at
    /// once seed once); true if this call seeded it.
    /// </summary>
    Task<bool> SeedAsync(IReadOnlyList<Category> categories, CancellationToken cancellationToken = default);
}
