namespace Tickets.Identity;

/// <summary>Why a set-password link was sent: the owner forgot the password, or an admin invited them.</summary>
public enum PasswordTokenPurpose
{
    Reset,
    Invitation,
}

/// <summary>
/// A stored set-password link: only the SHA-256 of its secret is kept. It works once, until <see cref="ExpiresAt"/>,
/// and only while the account keeps the security stamp it had when the link was made — so using any link, changing the
/// password or deactivating the account ends every other link as well.
/// </summary>
public sealed record PasswordToken(
    string TokenHash,
    string UserId,
    PasswordTokenPurpose Purpose,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    string SecurityStamp,
    DateTimeOffset? EmailedAt = null);

/// <summary>Set-password links, and the e-mail that carries each one (written with it, so neither is kept without the other).</summary>
public interface IPasswordTokenStore
{
    /// <summary>
    /// Stores <paramref name="token"/> and puts <paramref name="mail"/> in the outbox, so the e-mail is sent even if the
    /// queue is down right now.
    /// </summary>
    Task AddAsync(PasswordToken token, Messaging.OutboxMessage mail, CancellationToken cancellationToken = default);

    Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks the token used if nobody has; false if it was used already (someone else got there first).</summary>
    Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that the link's e-mail went out, so a second delivery of its message does not send it again.</summary>
    Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);
}
