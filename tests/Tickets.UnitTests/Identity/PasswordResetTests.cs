using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Common;
using Tickets.Email;
using Tickets.Identity;
using Tickets.Messaging;
using Tickets.Notifications;
using Tickets.UnitTests.Fakes;
using Tickets.Users;

namespace Tickets.UnitTests.Identity;

public sealed class PasswordResetTests
{
    private const string Email = "lucia@example.org";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryRefreshTokenStore _refreshTokens = new();
    private readonly InMemoryLoginThrottleStore _throttle = new();
    private readonly InMemoryPasswordTokenStore _links = new();
    private readonly Mock<IEmailSender> _email = new();
    private readonly List<EmailMessage> _sent = [];
    private readonly PasswordResetOptions _options = new();
    private readonly JwtOptions _jwt = new() { SigningKeys = [new SigningKeyOptions { Id = "k1", Key = Convert.ToBase64String(new byte[32]) }] };
    private readonly Passwords _passwords = new();
    private readonly UserAccounts _accounts;
    private readonly PasswordResets _resets;

    public PasswordResetTests()
    {
        var jwt = Options.Create(_jwt);
        var address = new ClientAddress();
        _accounts = new UserAccounts(_users, _refreshTokens, _passwords, _time, NullLogger<UserAccounts>.Instance);
        var attempts = new PasswordAttempts(_throttle, address, new ServerKeys(jwt), Options.Create(new LoginThrottleOptions()),
            Options.Create(new LimitsOptions()), _time, NullLogger<PasswordAttempts>.Instance);
        var limits = new ResetRequestLimits(_throttle, address, Options.Create(new LimitsOptions()), Options.Create(_options), _time,
            NullLogger<ResetRequestLimits>.Instance);
        var dispatcher = new OutboxDispatcher(Mock.Of<IQueueSender>(), Mock.Of<IOutboxStore>(), Options.Create(new OutboxOptions()),
            NullLogger<OutboxDispatcher>.Instance);
        _outbox.Setup(o => o.AddAsync(It.IsAny<OutboxMessage>(), It.IsAny<CancellationToken>()))
            .Callback<OutboxMessage, CancellationToken>((m, _) => _requests.Add(m)).Returns(Task.CompletedTask);
        _resets = new PasswordResets(_users, _links, new PasswordTokenSecrets(new ServerKeys(jwt)), limits, attempts, _accounts, _passwords,
            _outbox.Object, dispatcher, Options.Create(_options), _time, NullLogger<PasswordResets>.Instance);
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => _sent.Add(m)).Returns(Task.CompletedTask);
    }

    private async Task<User> AccountAsync(string language = "es")
    {
        var user = (await _accounts.CreateAsync(new RegisterRequest
        {
            Dni = "12345678", Phone = "+34 600 111 222", FirstNames = "Lucía", LastNames = "García", Department = "Contabilidad",
            Email = Email, Password = "Old-password-1",
        }, Role.User, CancellationToken.None)).Value;
        return language == "es" ? user : (await _accounts.UpdateAsync(user.Id, u => u with { Language = language }, CancellationToken.None)).Value;
    }

    private readonly InMemoryIdempotencyStore _claims = new();
    private readonly Mock<IOutboxStore> _outbox = new();
    private readonly List<OutboxMessage> _requests = [];

    private AccountEmailDelivery Delivery(PasswordTokenSecrets? secrets = null)
    {
        secrets ??= new PasswordTokenSecrets(new ServerKeys(Options.Create(_jwt)));
        var urls = Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" });
        var registrations = new RegistrationEmails(Mock.Of<IPendingRegistrationStore>(), _users, _resets, secrets, new OnceOnlyEmail(_claims, _time),
            urls, _time, NullLogger<RegistrationEmails>.Instance, _email.Object);
        return new AccountEmailDelivery(_links, _users, secrets, new OnceOnlyEmail(_claims, _time), _resets, registrations,
            urls, _time, NullLogger<AccountEmailDelivery>.Instance, _email.Object);
    }

    /// <summary>"Forgot my password" as the API takes it, then its queued request run through delivery, as the <c>SendAccountEmail</c> function does.</summary>
    private async Task<Result> ForgotAsync(string email)
    {
        var before = _requests.Count;
        var result = await _resets.ForgotAsync(new ForgotPasswordRequest(email), CancellationToken.None);
        foreach (var request in _requests.Skip(before).ToList()) await Delivery().DeliverAsync(request.Body, CancellationToken.None);
        return result;
    }

    /// <summary>Runs the queue message of the last link through delivery, as the <c>SendAccountEmail</c> function does, and returns the secret the e-mail carries.</summary>
    private async Task<string?> DeliverLastAsync(PasswordTokenSecrets? secrets = null)
    {
        var delivery = Delivery(secrets);
        var before = _sent.Count;
        await delivery.DeliverAsync(_links.Mail.Last().Body, CancellationToken.None);
        if (_sent.Count == before) return null;
        var link = _sent[^1].Body.Split('\n').Single(line => line.StartsWith("https://tickets.example.org/reset-password?token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(link["https://tickets.example.org/reset-password?token=".Length..]);
    }

    [Fact]
    public async Task NothingStoredOrQueuedHoldsTheLinksSecret()
    {
        await AccountAsync();
        await ForgotAsync(Email);

        var secret = await DeliverLastAsync();

        Assert.NotNull(secret);
        Assert.DoesNotContain(secret, _links.Mail.Single().Body, StringComparison.Ordinal);
        Assert.Equal(PasswordTokenSecrets.Hash(secret), _links.All.Single().TokenHash);
        Assert.Equal(QueueNames.AccountEmails, _links.Mail.Single().Queue);
    }

    [Fact]
    public async Task UnknownAddressIsAnsweredAlikeAndNothingIsStored()
    {
        var result = await ForgotAsync("nobody@example.org");

        Assert.True(result.IsSuccess);
        Assert.Empty(_links.All);
    }

    [Fact]
    public async Task LinkExpiresAfterItsLifetime()
    {
        await AccountAsync();
        await ForgotAsync(Email);
        var secret = await DeliverLastAsync();

        _time.Advance(_options.Lifetime);
        var result = await _resets.ResetAsync(new ResetPasswordRequest(secret, "New-password-22"), CancellationToken.None);

        Assert.Equal("invalid_password_link", result.Error?.Code);
    }

    [Fact]
    public async Task LinkWorksJustBeforeItExpiresAndChangesTheSecurityStamp()
    {
        var user = await AccountAsync();
        await ForgotAsync(Email);
        var secret = await DeliverLastAsync();

        _time.Advance(_options.Lifetime - TimeSpan.FromSeconds(1));
        var result = await _resets.ResetAsync(new ResetPasswordRequest(secret, "New-password-22"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        var after = (await _users.FindByIdAsync(user.Id))!;
        Assert.NotEqual(user.SecurityStamp, after.SecurityStamp);
        Assert.Equal(PasswordCheck.Right, _passwords.Verify(after.PasswordHash, "New-password-22"));
    }

    [Fact]
    public async Task LinksMessageDeliveredAgainSendsNoSecondEmail()
    {
        await AccountAsync();
        await ForgotAsync(Email);

        Assert.NotNull(await DeliverLastAsync());
        Assert.Null(await DeliverLastAsync());
        Assert.Single(_sent);
    }

    [Fact]
    public async Task ExpiredLinkIsNotEmailed()
    {
        await AccountAsync();
        await ForgotAsync(Email);

        _time.Advance(_options.Lifetime);

        Assert.Null(await DeliverLastAsync());
    }

    [Fact]
    public async Task LinkMadeBeforeAKeyRotationIsStillEmailed()
    {
        await AccountAsync();
        await ForgotAsync(Email);
        var rotated = new JwtOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = "k2", Key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) }, .. _jwt.SigningKeys],
        };

        var secret = await DeliverLastAsync(new PasswordTokenSecrets(new ServerKeys(Options.Create(rotated))));

        Assert.Equal(_links.All.Single().TokenHash, PasswordTokenSecrets.Hash(secret!));
    }

    [Fact]
    public async Task InvitationLinkLivesForTheInvitationLifetimeAndIsWorded()
    {
        var user = await AccountAsync();
        await _resets.InviteAsync(user, CancellationToken.None);

        await DeliverLastAsync();

        var link = _links.All.Single();
        Assert.Equal(PasswordTokenPurpose.Invitation, link.Purpose);
        Assert.Equal(_options.InvitationLifetime, link.ExpiresAt - link.CreatedAt);
        Assert.Equal("Tu cuenta de Tickets: elige tu contraseña", _sent.Single().Subject);
        Assert.Contains("7 días", _sent.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetMailIsInTheAccountsLanguage()
    {
        await AccountAsync(language: "en");
        await ForgotAsync(Email);

        await DeliverLastAsync();

        Assert.Equal("Reset your Tickets password", _sent.Single().Subject);
        Assert.Contains("within 30 minutes", _sent.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FourthRequestWithinTheHourIsThrottledWhetherOrNotTheAccountExists()
    {
        await AccountAsync();
        foreach (var email in new[] { Email, "nobody@example.org" })
        {
            for (var i = 0; i < _options.RequestsPerAccountPerHour; i++)
                Assert.True((await ForgotAsync(email)).IsSuccess);

            var throttled = await ForgotAsync(email);

            Assert.Equal(ErrorKind.TooManyRequests, throttled.Error?.Kind);
        }
    }

    [Fact]
    public void AccountEmailMessageCarriesOnlyTheLinksId()
    {
        var body = JsonSerializer.Serialize(new AccountEmailMessage("abc"), Json.Options);

        Assert.Equal("""{"tokenId":"abc"}""", body);
    }
    [Fact]
    public async Task ANewerLinkEndsTheOlderOnes()
    {
        await AccountAsync();
        await ForgotAsync(Email);
        var older = await DeliverLastAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await ForgotAsync(Email);
        var newer = await DeliverLastAsync();

        var refused = await _resets.ResetAsync(new ResetPasswordRequest(older, "New-password-22"), CancellationToken.None);
        var accepted = await _resets.ResetAsync(new ResetPasswordRequest(newer, "New-password-22"), CancellationToken.None);

        Assert.Equal("invalid_password_link", refused.Error?.Code);
        Assert.True(accepted.IsSuccess);
    }

    [Fact]
    public async Task ForgotAnswersBeforeLookingTheAddressUp()
    {
        await AccountAsync();

        var result = await _resets.ForgotAsync(new ForgotPasswordRequest(Email), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Empty(_links.All);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task AForgotRequestDeliveredTwiceMakesOneLinkAndOneMail()
    {
        await AccountAsync();
        await _resets.ForgotAsync(new ForgotPasswordRequest(Email), CancellationToken.None);

        await Delivery().DeliverAsync(_requests.Single().Body, CancellationToken.None);
        await Delivery().DeliverAsync(_requests.Single().Body, CancellationToken.None);
        foreach (var mail in _links.Mail) await Delivery().DeliverAsync(mail.Body, CancellationToken.None);

        Assert.Single(_links.All);
        Assert.Single(_sent);
    }
}
