using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Users;

namespace Tickets.Identity;

/// <summary>Sign-up, sign-in, token rotation, sign-out and the caller's own account.</summary>
public sealed partial class IdentityService(
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    PasswordAttempts attempts,
    UserAccounts accounts,
    Passwords passwords,
    TokenService tokens,
    RefreshTokenSuccessors successors,
    IOptions<JwtOptions> jwtOptions,
    TimeProvider time,
    ILogger<IdentityService> logger)
{
    private static readonly Error InvalidCredentials =
        Error.Unauthorized("invalid_credentials", "The e-mail or password is not correct.");

    private static readonly Error InvalidRefreshToken =
        Error.Unauthorized("invalid_refresh_token", "The refresh token is not valid. Sign in again.");

    public async Task<Result<User>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        // Invalid input is refused before it costs a hashing (and counts against nobody's budget).
        if (request.Validate().ToError() is { } invalid) return invalid;
        if (await attempts.TryStartHashingAsync(cancellationToken) is { } throttled) return throttled;
        return await accounts.CreateAsync(request, Role.User, cancellationToken);
    }

    public async Task<Result<TokenResponse>> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator();
        if (string.IsNullOrWhiteSpace(request.Email)) v.Add("email", FieldCodes.Required, "Required.");
        if (string.IsNullOrEmpty(request.Password)) v.Add("password", FieldCodes.Required, "Required.");
        v.Characters("email", request.Email).Characters("password", request.Password, TextKind.Opaque);
        if (v.ToError() is { } invalid) return invalid;

        if (await attempts.TryStartHashingAsync(cancellationToken) is { } busy) return busy;

        var email = Text.NormalizeEmail(request.Email!);
        var user = await users.FindByEmailAsync(email, cancellationToken);
        var attempt = await attempts.ClaimForAccountAsync(email, user, cancellationToken);
        if (!attempt.IsSuccess) return attempt.Error!;

        var check = PasswordCheck.Wrong;
        if (user is null)
            passwords.VerifyAgainstNothing(request.Password!);
        else
            check = passwords.Verify(user.PasswordHash, request.Password!);

        // The claimed attempt stays counted as a failure; an unknown e-mail and a wrong password answer the same.
        if (user is null || check == PasswordCheck.Wrong || !user.Active) return InvalidCredentials;

        await attempts.SucceededAsync(attempt.Value, cancellationToken);
        var now = time.GetUtcNow();
        var address = attempts.AddressHash;
        var signedIn = await accounts.UpdateAsync(user.Id, current => current.SignedInFrom(address) with
        {
            LastLoginAt = now,
            PasswordHash = check == PasswordCheck.RightButRehash ? passwords.Hash(request.Password!) : current.PasswordHash,
        }, cancellationToken);
        if (!signedIn.IsSuccess) return signedIn.Error!;

        return await IssueAsync(signedIn.Value, familyId: Guid.NewGuid().ToString("N"), sessionStart: now, now, cancellationToken);
    }

    /// <summary>Signs in the owner of an account just made from a confirmed registration: the answer of a sign-in.</summary>
    public Task<Result<TokenResponse>> StartSessionAsync(User user, CancellationToken cancellationToken) =>
        IssueAsync(user, familyId: Guid.NewGuid().ToString("N"), sessionStart: time.GetUtcNow(), time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Spends the refresh token for a successor pair. Presented again within <see cref="JwtOptions.RefreshReuseLeeway"/>
    /// of its first use (two tabs, a retried request), it answers the same successor pair, which stays valid; presented
    /// later, it is taken as leaked and the whole session ends.
    /// </summary>
    public async Task<Result<TokenResponse>> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken)) return Error.Field("refreshToken", FieldCodes.Required, "Required.");

        var now = time.GetUtcNow();
        var hash = RefreshTokenSecret.Hash(request.RefreshToken);
        var stored = await refreshTokens.FindAsync(hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null) return InvalidRefreshToken;
        if (stored.SpentAt is { } spentBefore && !WithinLeeway(spentBefore, now)) return await ReusedAsync(stored, now, cancellationToken);

        // ExpiresAt is never later than the session's absolute end; a token spent in time keeps its successor.
        if (stored.ExpiresAt <= (stored.SpentAt ?? now)) return InvalidRefreshToken;

        var user = await users.FindByIdAsync(stored.UserId, cancellationToken);
        if (user is not { Active: true } || user.SecurityStamp != stored.SecurityStamp || user.HasEnded(stored.FamilyId))
        {
            await refreshTokens.RevokeFamilyAsync(stored.FamilyId, now, cancellationToken);
            return InvalidRefreshToken;
        }

        var spentAt = stored.SpentAt;
        if (spentAt is null)
        {
            if (await refreshTokens.TrySpendAsync(hash, now, cancellationToken))
            {
                spentAt = now;
            }
            else
            {
                // Spent (or revoked) by someone else since we read it: most often the same client refreshing twice at once.
                var again = await refreshTokens.FindAsync(hash, cancellationToken);
                if (again is not { RevokedAt: null, SpentAt: { } spentByOther }) return InvalidRefreshToken;
                if (!WithinLeeway(spentByOther, now)) return await ReusedAsync(stored, now, cancellationToken);
                spentAt = spentByOther;
            }
        }

        return await IssueSuccessorAsync(user, stored, request.RefreshToken, spentAt.Value, cancellationToken);
    }

    private bool WithinLeeway(DateTimeOffset spentAt, DateTimeOffset now) =>
        jwtOptions.Value.RefreshReuseLeeway is var leeway && leeway > TimeSpan.Zero && now - spentAt <= leeway;

    /// <summary>A spent token presented again after the leeway means it leaked: the whole session ends, its access tokens included.</summary>
    private async Task<Result<TokenResponse>> ReusedAsync(RefreshToken stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        LogReuse(logger, stored.UserId, stored.FamilyId);
        await EndSessionAsync(stored, now, cancellationToken);
        return InvalidRefreshToken;
    }

    /// <summary>
    /// The pair that follows <paramref name="spent"/>, spent at <paramref name="spentAt"/>: every value in it comes from the
    /// presented secret and the spend record, so each refresh within the leeway answers the same bytes and stores the same
    /// successor (the first add stands).
    /// </summary>
    private async Task<Result<TokenResponse>> IssueSuccessorAsync(
        User user, RefreshToken spent, string presentedSecret, DateTimeOffset spentAt, CancellationToken cancellationToken)
    {
        var secret = successors.SuccessorOf(presentedSecret);
        var stored = NewRefreshToken(secret, user, spent.FamilyId, spent.SessionStart, spentAt);
        if (stored is null) return InvalidRefreshToken;
        await refreshTokens.AddAsync(stored, cancellationToken);

        var access = tokens.Issue(user, spent.FamilyId, spentAt, successors.AccessTokenIdOf(secret));
        return new TokenResponse(access.Token, "Bearer", access.ExpiresInSeconds, secret, user.ToView());
    }

    /// <summary>
    /// Ends the session of <paramref name="request"/>'s refresh token: its refresh tokens are revoked and its access
    /// tokens refused from the next request on, though they have not expired. Other sessions go on.
    /// </summary>
    public async Task LogoutAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken)) return;
        var stored = await refreshTokens.FindAsync(RefreshTokenSecret.Hash(request.RefreshToken), cancellationToken);
        if (stored is not null) await EndSessionAsync(stored, time.GetUtcNow(), cancellationToken);
    }

    public Task<Result<User>> UpdateProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return Task.FromResult<Result<User>>(invalid);
        return request.NotificationModeValue == NotificationMode.Digest ? UpdateStaffProfileAsync(userId, request, cancellationToken) : UpdateCheckedProfileAsync(userId, request, cancellationToken);
    }

    /// <summary>The digest is for staff: the account's role decides whether it may be chosen.</summary>
    private async Task<Result<User>> UpdateStaffProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null) return Error.NotFound("user");
        if (request.Validate(user.IsStaff).ToError() is { } invalid) return invalid;
        return await UpdateCheckedProfileAsync(userId, request, cancellationToken);
    }

    private Task<Result<User>> UpdateCheckedProfileAsync(string userId, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return accounts.UpdateAsync(userId, user => request.ApplyTo(user, now), cancellationToken);
    }

    /// <summary>Needs the current password (throttled like a sign-in); ends every session of the account, this one included.</summary>
    public async Task<Result> ChangePasswordAsync(string userId, PasswordChangeRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null) return Error.NotFound("user");
        if (await attempts.TryStartHashingAsync(cancellationToken) is { } busy) return busy;
        var attempt = await attempts.ClaimForAccountAsync(user.Email, user, cancellationToken);
        if (!attempt.IsSuccess) return attempt.Error!;

        if (passwords.Verify(user.PasswordHash, request.CurrentPassword!) == PasswordCheck.Wrong)
            return Error.Field("currentPassword", FieldCodes.WrongPassword, "Is not your current password.");
        await attempts.SucceededAsync(attempt.Value, cancellationToken);

        var now = time.GetUtcNow();
        var hash = passwords.Hash(request.NewPassword!);
        var updated = await accounts.UpdateAsync(userId, current => current.WithNewSecurityStamp() with { PasswordHash = hash, InvitationPending = false, UpdatedAt = now }, cancellationToken);
        return updated.IsSuccess ? Result.Success : updated.Error!;
    }

    private async Task EndSessionAsync(RefreshToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);

        // Its access tokens are refused until the last of them would have expired anyway.
        var options = jwtOptions.Value;
        var until = now + TimeSpan.FromMinutes(options.AccessTokenMinutes) + TimeSpan.FromSeconds(options.ClockSkewSeconds);
        var ended = await accounts.UpdateAsync(token.UserId, user => user.EndSession(token.FamilyId, until, now), cancellationToken);
        if (!ended.IsSuccess && ended.Error!.Kind != ErrorKind.NotFound) LogSessionNotEnded(logger, token.UserId, token.FamilyId, ended.Error.Code);
    }

    private async Task<Result<TokenResponse>> IssueAsync(
        User user, string familyId, DateTimeOffset sessionStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = RefreshTokenSecret.Create();
        var stored = NewRefreshToken(secret, user, familyId, sessionStart, now);
        if (stored is null) return InvalidRefreshToken;
        await refreshTokens.AddAsync(stored, cancellationToken);

        var access = tokens.Issue(user, familyId);
        return new TokenResponse(access.Token, "Bearer", access.ExpiresInSeconds, secret, user.ToView());
    }

    /// <summary>The stored form of a new refresh token, or null when its session has reached its absolute end.</summary>
    private RefreshToken? NewRefreshToken(string secret, User user, string familyId, DateTimeOffset sessionStart, DateTimeOffset now)
    {
        var options = jwtOptions.Value;
        var idleEnd = now.AddDays(options.RefreshTokenDays);
        var sessionEnd = sessionStart.AddDays(options.SessionDays);
        if (sessionEnd <= now) return null;
        return new RefreshToken(
            RefreshTokenSecret.Hash(secret), user.Id, familyId, now, idleEnd < sessionEnd ? idleEnd : sessionEnd,
            SpentAt: null, RevokedAt: null, user.SecurityStamp, sessionStart);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} of user {UserId} was revoked but its access tokens were not ended: {Code}")]
    private static partial void LogSessionNotEnded(ILogger logger, string userId, string sessionId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse for user {UserId}: family {FamilyId} revoked")]
    private static partial void LogReuse(ILogger logger, string userId, string familyId);
}
