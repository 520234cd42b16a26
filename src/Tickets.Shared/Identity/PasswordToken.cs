namespace Tickets.Identity;

/// <summary>
/// Why a set-password link was sent: the owner forgot the password, an admin invited them, or somebody tried to register
/// the owner's address again (the "you already have an account" e-mail carries a reset link).
/// </summary>
public enum PasswordTokenPurpose
{
    Reset,
    Invitation,
    AccountExists,
}

/// <summary>
/// A stored set-password link: only the SHA-256 of its secret is kept. It works once, until <see cref="ExpiresAt"/>,
/// and only while the account keeps the security stamp it had when the link was made — so using any link, changing the
/// password or deactivating the account ends every other link as well. A newer link ends the older unused ones, whatever
/// their purpose (<see cref="ReplacedAt"/>): only the latest e-mail's link works.
/// </summary>
public sealed record PasswordToken(
    string TokenHash,
    string UserId,
    PasswordTokenPurpose Purpose,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    string SecurityStamp,
    DateTimeOffset? EmailedAt = null,
    DateTimeOffset? ReplacedAt = null)
{
    /// <summary>Whether the link may still be used at <paramref name="now"/> (the account's stamp is checked apart).</summary>
    public bool WorksAt(DateTimeOffset now) => UsedAt is null && ReplacedAt is null && ExpiresAt > now;
}

/// <summary>Set-password links, and the e-mail that carries each one (written with it, so neither is kept without the other).</summary>
public interface IPasswordTokenStore
{
    /// <summary>
    /// Stores <paramref name="token"/> and puts <paramref name="mail"/> in the outbox, so the e-mail is sent even if the
    /// queue is down right now. The account's earlier unused links (of any purpose) are replaced: from now on they
    /// are refused (<see cref="PasswordToken.ReplacedAt"/>), and their e-mails, if not sent yet, are not. A link already
    /// stored (the same hash: a redelivered request that works its link out again) is left as it is, and nothing is added.
    /// </summary>
    Task AddAsync(PasswordToken token, Messaging.OutboxMessage mail, CancellationToken cancellationToken = default);

    Task<PasswordToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks the token used if nobody has and it was not replaced; false otherwise (someone else got there first).</summary>
    Task<bool> TryUseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that the link's e-mail went out, so a second delivery of its message does not send it again.</summary>
    Task MarkEmailedAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken = default);
}
