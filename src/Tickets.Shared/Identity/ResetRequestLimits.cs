using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;

namespace Tickets.Identity;

/// <summary>
/// How often "forgot my password" may be asked: per client address per minute (<c>Tickets:Limits</c>, like password
/// attempts) and per e-mail address per hour (<c>Tickets:PasswordReset:RequestsPerAccountPerHour</c>), decided atomically
/// in the throttle store. An address without an account is counted exactly like one with, so a 429 tells nothing.
/// </summary>
public sealed partial class ResetRequestLimits(
    ILoginThrottleStore store,
    ClientAddress client,
    IOptions<LimitsOptions> limits,
    IOptions<PasswordResetOptions> resets,
    TimeProvider time,
    ILogger<ResetRequestLimits> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Null when a link may be sent to <paramref name="normalizedEmail"/> now; otherwise the 429.</summary>
    public async Task<Error?> TryClaimAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (client.Value is { } address)
        {
            var byAddress = await store.TryCountAsync(
                "reset-address:" + address, PasswordAttempts.MinuteStart(now), Minute, limits.Value.PasswordAttemptsPerAddressPerMinute, cancellationToken);
            if (!byAddress.Granted)
            {
                LogAddressThrottled(logger, address);
                return PasswordAttempts.TooMany(Title, byAddress.RetryAt - now);
            }
        }

        var byAccount = await store.TryClaimAsync("reset:" + normalizedEmail, resets.Value.RequestsPerAccountPerHour, Hour, now, cancellationToken);
        if (byAccount.Granted) return null;

        LogAccountThrottled(logger);
        return PasswordAttempts.TooMany(Title, byAccount.RetryAt - now);
    }

    private const string Title = "Too many password reset requests.";

    // The e-mail address is not logged: it may not belong to anybody here.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requests throttled for one e-mail address")]
    private static partial void LogAccountThrottled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset requests throttled for address {Address}")]
    private static partial void LogAddressThrottled(ILogger logger, string address);
}
