using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tickets.Common;
using Tickets.Identity;
using Tickets.UnitTests.Fakes;
using Tickets.Users;

namespace Tickets.UnitTests.Identity;

public sealed class LoginTests
{
    private const string Password = "Correct-horse-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryRefreshTokenStore _refreshTokens = new();
    private readonly InMemoryLoginThrottleStore _throttle = new();
    private readonly ClientAddress _address = new();
    private readonly LimitsOptions _limits = new();
    private readonly IOptions<JwtOptions> _jwt = Options.Create(new JwtOptions
    {
        SigningKeys = [new SigningKeyOptions { Id = "k", Key = Convert.ToBase64String(new byte[32]) }],
    });

    private readonly IdentityService _identity;
    private readonly UserAccounts _accounts;

    public LoginTests()
    {
        var passwords = new Passwords();
        _accounts = new UserAccounts(_users, _refreshTokens, passwords, _time, NullLogger<UserAccounts>.Instance);
        var attempts = new PasswordAttempts(_throttle, _address, new ServerKeys(_jwt), Options.Create(new LoginThrottleOptions()),
            Options.Create(_limits), _time, NullLogger<PasswordAttempts>.Instance);
        _identity = new IdentityService(
            _users, _refreshTokens, attempts, _accounts, passwords, new TokenService(_jwt, _time), new RefreshTokenSuccessors(new ServerKeys(_jwt)), _jwt, _time,
            NullLogger<IdentityService>.Instance);
    }

    private void From(string address) => _address.Set(System.Net.IPAddress.Parse(address));

    private async Task<User> RegisterAsync(string email = "ana@example.org") => (await _identity.RegisterAsync(new RegisterRequest
    {
        Email = email, Password = Password, Dni = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Phone = "600 000 000", FirstNames = "Ana", LastNames = "Pérez", Department = "IT",
    }, CancellationToken.None)).Value;

    private Task<Result<TokenResponse>> LoginAsync(string email, string password) =>
        _identity.LoginAsync(new LoginRequest(email, password), CancellationToken.None);

    [Fact]
    public async Task LoginIsCaseInsensitiveOnEmailAndRecordsTheTime()
    {
        var user = await RegisterAsync();

        var result = await LoginAsync("  ANA@Example.org ", Password);

        Assert.True(result.IsSuccess);
        Assert.Equal(_time.GetUtcNow(), (await _users.FindByIdAsync(user.Id))!.LastLoginAt);
    }

    [Fact]
    public async Task FiveFailuresWithinFifteenMinutesThrottleEvenTheRightPassword()
    {
        await RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync("ana@example.org", "wrong-password")).Error!.Kind);
        }

        var throttled = await LoginAsync("ana@example.org", Password);

        Assert.Equal(ErrorKind.TooManyRequests, throttled.Error!.Kind);
        // The oldest counted failure was 5 minutes ago: it leaves the 15-minute window in 11 minutes.
        Assert.Equal(TimeSpan.FromMinutes(11), throttled.Error.RetryAfter);
    }

    [Fact]
    public async Task ThrottleLiftsWhenOldFailuresLeaveTheWindow()
    {
        await RegisterAsync();
        for (var i = 0; i < 5; i++) await LoginAsync("ana@example.org", "wrong-password");

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        Assert.True((await LoginAsync("ana@example.org", Password)).IsSuccess);
    }

    [Fact]
    public async Task FourFailuresDoNotThrottleAndSuccessResetsTheCount()
    {
        await RegisterAsync();
        for (var i = 0; i < 4; i++) await LoginAsync("ana@example.org", "wrong-password");
        Assert.True((await LoginAsync("ana@example.org", Password)).IsSuccess);

        for (var i = 0; i < 4; i++) await LoginAsync("ana@example.org", "wrong-password");

        Assert.True((await LoginAsync("ana@example.org", Password)).IsSuccess);
    }

    [Fact]
    public async Task UnknownEmailIsThrottledLikeAKnownOne()
    {
        for (var i = 0; i < 5; i++) await LoginAsync("ghost@example.org", "whatever-pass");

        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ghost@example.org", "whatever-pass")).Error!.Kind);
    }

    [Fact]
    public async Task UnknownEmailAndWrongPasswordGiveTheSameError()
    {
        await RegisterAsync();

        var unknown = (await LoginAsync("ghost@example.org", Password)).Error;
        var wrong = (await LoginAsync("ana@example.org", "wrong-password")).Error;

        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task DeactivatedUserCannotLogIn()
    {
        var user = await RegisterAsync();
        await _accounts.UpdateAsync(user.Id, u => u with { Active = false }, CancellationToken.None);

        Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync("ana@example.org", Password)).Error!.Kind);
    }

    [Fact]
    public async Task DeactivationRevokesRefreshTokensAtOnce()
    {
        var user = await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;

        await _accounts.UpdateAsync(user.Id, u => u with { Active = false }, CancellationToken.None);

        Assert.All(_refreshTokens.All, t => Assert.NotNull(t.RevokedAt));
        Assert.Equal(ErrorKind.Unauthorized, (await _identity.RefreshAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None)).Error!.Kind);
    }

    [Fact]
    public async Task ExpiredRefreshTokenIsRefused()
    {
        await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;

        _time.Advance(TimeSpan.FromDays(14));

        Assert.False((await _identity.RefreshAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task PasswordChangeRevokesEverySessionAndNeedsTheCurrentPassword()
    {
        var user = await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;

        var wrong = await _identity.ChangePasswordAsync(user.Id, new PasswordChangeRequest("not-it-at-all", "New-password-22"), CancellationToken.None);
        var right = await _identity.ChangePasswordAsync(user.Id, new PasswordChangeRequest(Password, "New-password-22"), CancellationToken.None);

        Assert.Equal(["currentPassword"], wrong.Error!.Errors!.Keys);
        Assert.True(right.IsSuccess);
        Assert.False((await _identity.RefreshAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None)).IsSuccess);
        Assert.True((await LoginAsync("ana@example.org", "New-password-22")).IsSuccess);
    }

    [Fact]
    public async Task SixtyConcurrentWrongPasswordsGetExactlyFiveChecks()
    {
        await RegisterAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => LoginAsync("ana@example.org", "wrong-password"))));

        Assert.Equal(5, results.Count(r => r.Error!.Kind == ErrorKind.Unauthorized));
        Assert.Equal(55, results.Count(r => r.Error!.Kind == ErrorKind.TooManyRequests));
    }

    [Fact]
    public async Task StrangersCannotLockTheOwnerOutOfAnAddressSheSignedInFrom()
    {
        await RegisterAsync();
        From("198.51.100.7");
        Assert.True((await LoginAsync("ana@example.org", Password)).IsSuccess);

        From("203.0.113.9");
        for (var i = 0; i < 5; i++) await LoginAsync("ana@example.org", "wrong-password");
        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ana@example.org", Password)).Error!.Kind);

        From("198.51.100.7");
        Assert.True((await LoginAsync("ana@example.org", Password)).IsSuccess);
    }

    [Fact]
    public async Task TheOwnersSuccessDoesNotLiftTheLockOnStrangers()
    {
        await RegisterAsync();
        From("198.51.100.7");
        await LoginAsync("ana@example.org", Password);
        From("203.0.113.9");
        for (var i = 0; i < 5; i++) await LoginAsync("ana@example.org", "wrong-password");

        From("198.51.100.7");
        await LoginAsync("ana@example.org", Password);

        From("203.0.113.9");
        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ana@example.org", "sixth-guess-1")).Error!.Kind);
    }

    [Fact]
    public async Task FailuresFromTheOwnersAddressAreLimitedThereToo()
    {
        await RegisterAsync();
        From("198.51.100.7");
        await LoginAsync("ana@example.org", Password);

        for (var i = 0; i < 5; i++) await LoginAsync("ana@example.org", "wrong-password");

        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ana@example.org", Password)).Error!.Kind);
    }

    [Fact]
    public async Task OnAnAddressItNeverSignedInFromTheOwnerWaitsLikeAnyone()
    {
        await RegisterAsync();
        From("203.0.113.9");
        for (var i = 0; i < 5; i++) await LoginAsync("ana@example.org", "wrong-password");

        From("192.0.2.44");

        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ana@example.org", Password)).Error!.Kind);
    }

    [Fact]
    public async Task AnAddressMayTryOnlySoManyPasswordsPerMinuteWhateverTheAccounts()
    {
        _limits.PasswordAttemptsPerAddressPerMinute = 3;
        From("203.0.113.9");
        for (var i = 0; i < 3; i++)
            Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync($"victim{i}@example.org", "Summer2026!!")).Error!.Kind);

        _time.Advance(TimeSpan.FromSeconds(20));
        var sprayed = await LoginAsync("victim4@example.org", "Summer2026!!");

        Assert.Equal(ErrorKind.TooManyRequests, sprayed.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(40), sprayed.Error.RetryAfter);
        From("198.51.100.7");
        Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync("victim4@example.org", "Summer2026!!")).Error!.Kind);
        From("203.0.113.9");
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync("victim4@example.org", "Summer2026!!")).Error!.Kind);
    }

    [Fact]
    public async Task RegistrationCountsAgainstTheAddressLimit()
    {
        _limits.PasswordAttemptsPerAddressPerMinute = 1;
        From("203.0.113.9");
        await RegisterAsync("first@example.org");

        var second = await _identity.RegisterAsync(new RegisterRequest
        {
            Email = "second@example.org", Password = Password, Dni = "87654321", Phone = "600 000 000", FirstNames = "Eva", LastNames = "Gil", Department = "IT",
        }, CancellationToken.None);

        Assert.Equal(ErrorKind.TooManyRequests, second.Error!.Kind);
    }

    [Fact]
    public async Task EveryoneTogetherMayHaveOnlySoManyPasswordsHashedPerMinute()
    {
        _limits.PasswordHashingPerMinute = 2;
        await LoginAsync("a@example.org", "whatever-pass");
        await LoginAsync("b@example.org", "whatever-pass");

        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("c@example.org", "whatever-pass")).Error!.Kind);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ErrorKind.Unauthorized, (await LoginAsync("c@example.org", "whatever-pass")).Error!.Kind);
    }

    [Fact]
    public async Task WrongCurrentPasswordsCountLikeFailedSignIns()
    {
        var user = await RegisterAsync();
        for (var i = 0; i < 5; i++)
            await _identity.ChangePasswordAsync(user.Id, new PasswordChangeRequest("not-it-at-all", "New-password-22"), CancellationToken.None);

        Assert.Equal(ErrorKind.TooManyRequests, (await LoginAsync("ana@example.org", Password)).Error!.Kind);
    }

    [Fact]
    public async Task ASessionEndsAfterItsAbsoluteLifetimeHoweverOftenItIsRefreshed()
    {
        await RegisterAsync();
        var refresh = (await LoginAsync("ana@example.org", Password)).Value.RefreshToken;
        for (var day = 0; day < 29; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            refresh = (await _identity.RefreshAsync(new RefreshRequest(refresh), CancellationToken.None)).Value.RefreshToken;
        }

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(ErrorKind.Unauthorized, (await _identity.RefreshAsync(new RefreshRequest(refresh), CancellationToken.None)).Error!.Kind);
    }

    [Fact]
    public async Task ARoleChangeEndsEveryRefreshToken()
    {
        var user = await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;

        await _accounts.UpdateAsync(user.Id, u => u with { Role = Role.Technician }, CancellationToken.None);

        Assert.Equal(ErrorKind.Unauthorized, (await _identity.RefreshAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None)).Error!.Kind);
    }

    [Fact]
    public async Task AProfileChangeEndsNothing()
    {
        var user = await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;

        await _identity.UpdateProfileAsync(user.Id, new UpdateProfileRequest("611 111 111", "Finanzas", null, null), CancellationToken.None);

        Assert.True((await _identity.RefreshAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task LogoutEndsThatSessionOnTheAccountUntilItsAccessTokensExpire()
    {
        var user = await RegisterAsync();
        var session = (await LoginAsync("ana@example.org", Password)).Value;
        var sessionId = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(session.AccessToken).GetClaim(TokenService.SessionClaim).Value;

        await _identity.LogoutAsync(new RefreshRequest(session.RefreshToken), CancellationToken.None);

        var ended = Assert.Single((await _users.FindByIdAsync(user.Id))!.EndedSessions);
        Assert.Equal(sessionId, ended.SessionId);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30), ended.Until);
    }

    private Task<Result<TokenResponse>> RefreshAsync(string refreshToken) =>
        _identity.RefreshAsync(new RefreshRequest(refreshToken), CancellationToken.None);

    [Fact]
    public async Task RefreshingTheSameTokenAgainWithinTheLeewayAnswersTheSamePairAndTheSessionLives()
    {
        await RegisterAsync();
        var spent = (await LoginAsync("ana@example.org", Password)).Value.RefreshToken;

        var first = (await RefreshAsync(spent)).Value;
        _time.Advance(_jwt.Value.RefreshReuseLeeway);
        var again = (await RefreshAsync(spent)).Value;

        Assert.Equal(first.RefreshToken, again.RefreshToken);
        Assert.Equal(first.AccessToken, again.AccessToken);
        Assert.True((await RefreshAsync(again.RefreshToken)).IsSuccess);
    }

    [Fact]
    public async Task ReusingASpentTokenAfterTheLeewayEndsTheWholeSession()
    {
        await RegisterAsync();
        var spent = (await LoginAsync("ana@example.org", Password)).Value.RefreshToken;
        var successor = (await RefreshAsync(spent)).Value.RefreshToken;

        _time.Advance(_jwt.Value.RefreshReuseLeeway + TimeSpan.FromSeconds(1));

        Assert.Equal(ErrorKind.Unauthorized, (await RefreshAsync(spent)).Error!.Kind);
        Assert.Equal(ErrorKind.Unauthorized, (await RefreshAsync(successor)).Error!.Kind);
    }

    [Fact]
    public async Task TwentyConcurrentRefreshesOfOneTokenAllGetTheSamePairThatStillWorks()
    {
        await RegisterAsync();
        var spent = (await LoginAsync("ana@example.org", Password)).Value.RefreshToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RefreshAsync(spent))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(results.Select(r => r.Value.RefreshToken).Distinct());
        Assert.True((await RefreshAsync(results[0].Value.RefreshToken)).IsSuccess);
    }

    [Fact]
    public async Task WithoutALeewayEveryReuseEndsTheSession()
    {
        _jwt.Value.RefreshReuseLeeway = TimeSpan.Zero;
        await RegisterAsync();
        var spent = (await LoginAsync("ana@example.org", Password)).Value.RefreshToken;
        var successor = (await RefreshAsync(spent)).Value.RefreshToken;

        Assert.False((await RefreshAsync(spent)).IsSuccess);
        Assert.False((await RefreshAsync(successor)).IsSuccess);
    }
}

public sealed class EndedSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    private static readonly User Ana = new()
    {
        Id = "u1", Email = "ana@example.org", Dni = "12345678", Phone = "600000000", FirstNames = "Ana", LastNames = "Pérez",
        Department = "IT", Role = Role.User, Active = true, PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now, SecurityStamp = "s1",
    };

    [Fact]
    public void SessionsPastTheirLastAccessTokenAreForgotten()
    {
        var user = Ana.EndSession("a", Now.AddMinutes(15), Now).EndSession("b", Now.AddMinutes(30), Now.AddMinutes(16));

        Assert.Equal(["b"], user.EndedSessions.Select(s => s.SessionId));
    }

    [Fact]
    public void EndingMoreSessionsThanAnAccountRemembersEndsThemAll()
    {
        var user = Ana;
        for (var i = 0; i <= User.MaxEndedSessions; i++) user = user.EndSession("s" + i, Now.AddMinutes(15), Now);

        Assert.NotEqual(Ana.SecurityStamp, user.SecurityStamp);
        Assert.Empty(user.EndedSessions);
    }

    [Fact]
    public void AnAccountRemembersOnlyItsLatestSignInAddresses()
    {
        var user = Ana;
        for (var i = 0; i < 8; i++) user = user.SignedInFrom("a" + i);
        user = user.SignedInFrom("a5");

        Assert.Equal(["a5", "a7", "a6", "a4", "a3"], user.SignInAddresses);
    }
}
