using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Identity;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, UserView User);

/// <summary>Sign-up, sign-in, token rotation and the caller's own account.</summary>
public sealed partial class IdentityService(
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    ILoginThrottleStore throttle,
    UserAccounts accounts,
    Passwords passwords,
    TokenService tokens,
    IOptions<JwtOptions> jwtOptions,
    IOptions<LoginThrottleOptions> throttleOptions,
    TimeProvider time,
    ILogger<IdentityService> logger)
{
    private static readonly Error InvalidCredentials =
        Error.Unauthorized("invalid_credentials", "The e-mail or password is not correct.");

    private static readonly Error InvalidRefreshToken =
        Error.Unauthorized("invalid_refresh_token", "The refresh token is not valid. Sign in again.");

    public Task<Result<User>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        accounts.CreateAsync(request, Role.User, cancellationToken);

    public async Task<Result<TokenResponse>> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(request.Email)) v.Add("email", "Required.");
        if (string.IsNullOrEmpty(request.Password)) v.Add("password", "Required.");
        if (v.ToError() is { } invalid) return invalid;

        var email = Text.NormalizeEmail(request.Email!);
        var now = time.GetUtcNow();
        var settings = throttleOptions.Value;
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        var failures = await throttle.FailuresSinceAsync(email, now - window, cancellationToken);
        if (failures.Count >= settings.MaxFailures)
        {
            var retryAfter = failures[failures.Count - settings.MaxFailures] + window - now;
            LogThrottled(logger, email);
            return new Error(ErrorKind.TooManyRequests, "too_many_attempts", "Too many failed sign-in attempts.",
                "Wait before trying again.")
            {
                RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1),
            };
        }

        var user = await users.FindByEmailAsync(email, cancellationToken);
        var check = PasswordCheck.Wrong;
        if (user is null)
            passwords.VerifyAgainstNothing(request.Password!);
        else
            check = passwords.Verify(user.PasswordHash, request.Password!);

        if (user is null || check == PasswordCheck.Wrong || !user.Active)
        {
            await throttle.RecordFailureAsync(email, now, cancellationToken);
            return InvalidCredentials;
        }

        await throttle.ClearAsync(email, cancellationToken);
        var signedIn = await accounts.UpdateAsync(user.Id, current => current with
        {
            LastLoginAt = now,
            PasswordHash = check == PasswordCheck.RightButRehash ? passwords.Hash(request.Password!) : current.PasswordHash,
        }, cancellationToken);
        if (!signedIn.IsSuccess) return signedIn.Error!;

        return await IssueAsync(signedIn.Value, familyId: Guid.NewGuid().ToString("N"), now, cancellationToken);
    }

    public async Task<Result<TokenResponse>> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken)) return Error.Field("refreshToken", "Required.");

        var now = time.GetUtcNow();
        var hash = RefreshTokenSecret.Hash(request.RefreshToken);
        var stored = await refreshTokens.FindAsync(hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null) return InvalidRefreshToken;

        if (stored.SpentAt is not null)
        {
            // A spent token presented again means it leaked: end the whole session family.
            LogReuse(logger, stored.UserId, stored.FamilyId);
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, now, cancellationToken);
            return InvalidRefreshToken;
        }

        if (stored.ExpiresAt <= now) return InvalidRefreshToken;

        var user = await users.FindByIdAsync(stored.UserId, cancellationToken);
        if (user is not { Active: true })
        {
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, now, cancellationToken);
            return InvalidRefreshToken;
        }

        if (!await refreshTokens.TrySpendAsync(hash, now, cancellationToken))
        {
            LogReuse(logger, stored.UserId, stored.FamilyId);
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, now, cancellationToken);
            return InvalidRefreshToken;
        }

        return await IssueAsync(user, stored.FamilyId, now, cancellationToken);
    }

    public async Task LogoutAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken)) return;
        var stored = await refreshTokens.FindAsync(RefreshTokenSecret.Hash(request.RefreshToken), cancellationToken);
        if (stored is not null)
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, time.GetUtcNow(), cancellationToken);
    }

    public Task<Result<User>> UpdateProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return Task.FromResult<Result<User>>(invalid);
        var now = time.GetUtcNow();
        return accounts.UpdateAsync(userId, user => request.ApplyTo(user, now), cancellationToken);
    }

    public async Task<Result> ChangePasswordAsync(string userId, PasswordChangeRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null) return Error.NotFound("user");
        if (passwords.Verify(user.PasswordHash, request.CurrentPassword!) == PasswordCheck.Wrong)
            return Error.Field("currentPassword", "Is not your current password.");

        var now = time.GetUtcNow();
        var hash = passwords.Hash(request.NewPassword!);
        var updated = await accounts.UpdateAsync(userId, current => current with { PasswordHash = hash, UpdatedAt = now }, cancellationToken);
        if (!updated.IsSuccess) return updated.Error!;

        await refreshTokens.RevokeAllForUserAsync(userId, now, cancellationToken);
        return Result.Success;
    }

    private async Task<Result<TokenResponse>> IssueAsync(User user, string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = RefreshTokenSecret.Create();
        await refreshTokens.AddAsync(new RefreshToken(
            RefreshTokenSecret.Hash(secret),
            user.Id,
            familyId,
            now,
            now.AddDays(jwtOptions.Value.RefreshTokenDays),
            SpentAt: null,
            RevokedAt: null), cancellationToken);

        var access = tokens.Issue(user);
        return new TokenResponse(access.Token, "Bearer", access.ExpiresInSeconds, secret, user.ToView());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in throttled for {Email}")]
    private static partial void LogThrottled(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse for user {UserId}: family {FamilyId} revoked")]
    private static partial void LogReuse(ILogger logger, string userId, string familyId);
}
