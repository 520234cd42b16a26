using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>A claimed password check for an account; <see cref="PasswordAttempts.SucceededAsync"/> forgets its bucket's failures.</summary>
public sealed record AccountAttempt(string Key);

/// <summary>
/// Who may make the service check or hash a password, decided before any hashing and atomically in the store, so
/// concurrent requests cannot exceed a limit:
/// <list type="bullet">
/// <item>per client address and for everyone together, per minute (<c>Tickets:Limits</c>): spraying one password over
/// many accounts, and CPU spent on strangers;</item>
/// <item>per account (<c>Tickets:Login</c>): guessing one account's password. The attempt is claimed as a failure before
/// the check and forgotten after a success.</item>
/// </list>
/// So that strangers cannot lock an owner out, an account's failures are counted apart for each address the account
/// recently signed in from: failures from anywhere else cannot lock those addresses, and each of them has its own limit.
/// </summary>
public sealed partial class PasswordAttempts(
    ILoginThrottleStore store,
    ClientAddress client,
    ServerKeys keys,
    IOptions<LoginThrottleOptions> accountOptions,
    IOptions<LimitsOptions> limitOptions,
    TimeProvider time,
    ILogger<PasswordAttempts> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The keyed hash of the caller's address, as accounts remember it (never the address itself); null when unknown.
    /// </summary>
    public string? AddressHash => client.Value is { } address
        ? Convert.ToHexStringLower(HMACSHA256.HashData(keys.For("client-address")[0], Encoding.UTF8.GetBytes(address)).AsSpan(0, 16))
        : null;

    /// <summary>Null when a password may be hashed now; otherwise the 429 (this address or everyone has used the minute's budget).</summary>
    public async Task<Error?> TryStartHashingAsync(CancellationToken cancellationToken)
    {
        var limits = limitOptions.Value;
        var now = time.GetUtcNow();
        var windowStart = MinuteStart(now);

        if (client.Value is { } address)
        {
            var byAddress = await store.TryCountAsync("address:" + address, windowStart, Minute, limits.PasswordAttemptsPerAddressPerMinute, cancellationToken);
            if (!byAddress.Granted)
            {
                LogAddressThrottled(logger, address);
                return TooMany("Too many password attempts from your address.", byAddress.RetryAt - now);
            }
        }

        var everyone = await store.TryCountAsync("everyone", windowStart, Minute, limits.PasswordHashingPerMinute, cancellationToken);
        if (everyone.Granted) return null;

        LogGlobalThrottled(logger, limits.PasswordHashingPerMinute);
        return TooMany("The service is checking too many passwords right now.", everyone.RetryAt - now);
    }

    /// <summary>
    /// Claims one password check for the account with <paramref name="normalizedEmail"/> (<paramref name="user"/> when it
    /// exists: an unknown e-mail is throttled exactly like a known one), or the 429.
    /// </summary>
    public async Task<Result<AccountAttempt>> ClaimForAccountAsync(string normalizedEmail, User? user, CancellationToken cancellationToken)
    {
        var settings = accountOptions.Value;
        var now = time.GetUtcNow();
        var address = AddressHash;
        var key = address is not null && user?.SignInAddresses.Contains(address) == true
            ? $"account:{normalizedEmail}|from:{address}"
            : $"account:{normalizedEmail}";

        var claim = await store.TryClaimAsync(key, settings.MaxFailures, TimeSpan.FromMinutes(settings.WindowMinutes), now, cancellationToken);
        if (claim.Granted) return new AccountAttempt(key);

        LogAccountThrottled(logger, normalizedEmail);
        return TooMany("Too many failed sign-in attempts.", claim.RetryAt - now);
    }

    /// <summary>The password was right: the failures counted with this attempt's are forgotten.</summary>
    public Task SucceededAsync(AccountAttempt attempt, CancellationToken cancellationToken) => store.ClearAsync(attempt.Key, cancellationToken);

    /// <summary>The start of the fixed one-minute window <paramref name="now"/> falls in (the per-address and global budgets).</summary>
    internal static DateTimeOffset MinuteStart(DateTimeOffset now) => new(now.UtcTicks - now.UtcTicks % Minute.Ticks, TimeSpan.Zero);

    /// <summary>The 429 of every password and reset-request limit: one code, a Retry-After of at least a second.</summary>
    internal static Error TooMany(string title, TimeSpan retryAfter) =>
        new(ErrorKind.TooManyRequests, "too_many_attempts", title, "Wait before trying again (see Retry-After).")
        {
            RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1),
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled for {Email}")]
    private static partial void LogAccountThrottled(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password attempts throttled for address {Address}")]
    private static partial void LogAddressThrottled(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password hashing throttled for everyone: {Limit} per minute reached")]
    private static partial void LogGlobalThrottled(ILogger logger, int limit);
}
