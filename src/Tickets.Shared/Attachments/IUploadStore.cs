namespace Tickets.Attachments;

/// <summary>
/// Uploaded files and their claims, one record per upload, keyed by id (Cosmos: a document per upload; SQLite: a row).
/// The metadata a ticket shows is written with the ticket (<see cref="Tickets.ITicketStore"/>); this store only decides
/// who may attach an upload, once, and what to sweep.
/// </summary>
public interface IUploadStore
{
    /// <summary>Records a new upload (its blob is already written).</summary>
    Task AddAsync(Upload upload, CancellationToken cancellationToken = default);

    Task<Upload?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims every id for <paramref name="target"/>, or none: each must be an upload of <paramref name="uploaderId"/> that is
    /// unreferenced or already claimed for this very target (a retried write). Returns the claimed uploads in the order
    /// of <paramref name="ids"/>, or the ids that cannot be claimed (unknown, another's, used elsewhere), claiming nothing.
    /// </summary>
    Task<ClaimResult> ClaimAsync(IReadOnlyList<string> ids, string uploaderId, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives back the uploads claimed for <paramref name="target"/> and not yet attached (the write failed or was refused).</summary>
    Task ReleaseAsync(IReadOnlyList<string> ids, AttachmentTarget target, CancellationToken cancellationToken = default);

    /// <summary>Marks uploads claimed for <paramref name="target"/> as attached: the claiming write committed.</summary>
    Task MarkAttachedAsync(IReadOnlyList<string> ids, AttachmentTarget target, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Work for the sweep, oldest first, at most <paramref name="limit"/>: unreferenced uploads made before
    /// <paramref name="unreferencedBefore"/>, and claims made before <paramref name="claimedBefore"/> not yet marked attached.
    /// </summary>
    Task<IReadOnlyList<Upload>> ListStaleAsync(DateTimeOffset unreferencedBefore, DateTimeOffset claimedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes an unreferenced upload's record (true), or nothing when it was claimed or is gone (false).</summary>
    Task<bool> DeleteUnreferencedAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>Either the claimed uploads, or the ids that could not be claimed (nothing claimed then).</summary>
public sealed record ClaimResult(IReadOnlyList<Upload> Claimed, IReadOnlyList<string> Refused)
{
    public bool IsSuccess => Refused.Count == 0;
}
