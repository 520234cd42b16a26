using Tickets.Messaging;

namespace Tickets.Identity;

/// <summary>
/// A registration waiting for its e-mailed link: not an account yet, so it claims neither its e-mail nor its DNI (those
/// are decided when it is confirmed). Only the SHA-256 of the link's secret is kept, as for set-password links, and the
/// password only as its hash. It works once, until <see cref="ExpiresAt"/>; a newer registration for the same e-mail
/// replaces it (<see cref="ReplacedAt"/>).
/// </summary>
public sealed record PendingRegistration(
    string TokenHash,
    string Email,
    string Dni,
    string Phone,
    string FirstNames,
    string LastNames,
    string Department,
    string Language,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null,
    DateTimeOffset? ReplacedAt = null,
    DateTimeOffset? EmailedAt = null)
{
    public bool WorksAt(DateTimeOffset now) => UsedAt is null && ReplacedAt is null && ExpiresAt > now;
}

/// <summary>Registrations waiting for their e-mailed link, and the queue message that e-mails each one (written with it).</summary>
public interface IPendingRegistrationStore
{
    /// <summary>
    /// Stores <paramref name="registration"/> and puts <paramref name="mail"/> in the outbox; the earlier unused
    /// registrations of the same e-mail are replaced (refused from now on). Expired ones may be removed.
    /// </summary>
    Task AddAsync(PendingRegistration registration, OutboxMessage mail, CancellationToken cancellationToken = default);

    Task<PendingRegistration?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks it used if it is neither used nor replaced; false otherwise (someone else got there first).</summary>
    Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that its e-mail went out, so a second delivery of its message does not send it again.</summary>
    Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);
}
