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
            _users, _refreshTokens, attempts, _accounts, passwords, new TokenService(_jwt, _time), _jwt, _time, NullLogger<IdentityService>.Instance);
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
}
