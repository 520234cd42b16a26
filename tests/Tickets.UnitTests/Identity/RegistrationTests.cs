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

/// <summary>Registration with e-mail verification: one answer for everybody, the truth told only by mail to the address.</summary>
public sealed class RegistrationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryUserStore _users = new();
    private readonly InMemoryRefreshTokenStore _refreshTokens = new();
    private readonly InMemoryLoginThrottleStore _throttle = new();
    private readonly InMemoryPasswordTokenStore _links = new();
    private readonly InMemoryPendingRegistrationStore _pending = new();
    private readonly InMemoryIdempotencyStore _claims = new();
    private readonly Mock<IEmailSender> _email = new();
    private readonly List<EmailMessage> _sent = [];
    private readonly RegistrationOptions _options = new();
    private readonly IOptions<JwtOptions> _jwt = Options.Create(new JwtOptions
    {
        SigningKeys = [new SigningKeyOptions { Id = "k1", Key = Convert.ToBase64String(new byte[32]) }],
    });

    private readonly UserAccounts _accounts;
    private readonly PasswordResets _resets;
    private readonly PasswordTokenSecrets _secrets;
    private readonly Registrations _registrations;

    public RegistrationTests()
    {
        var passwords = new Passwords();
        var address = new ClientAddress();
        var keys = new ServerKeys(_jwt);
        _secrets = new PasswordTokenSecrets(keys);
        _accounts = new UserAccounts(_users, _refreshTokens, passwords, _time, NullLogger<UserAccounts>.Instance);
        var attempts = new PasswordAttempts(_throttle, address, keys, Options.Create(new LoginThrottleOptions()),
            Options.Create(new LimitsOptions()), _time, NullLogger<PasswordAttempts>.Instance);
        var limits = new ResetRequestLimits(_throttle, address, Options.Create(new LimitsOptions()), Options.Create(new PasswordResetOptions()), _time,
            NullLogger<ResetRequestLimits>.Instance);
        var dispatcher = new OutboxDispatcher(Mock.Of<IQueueSender>(), Mock.Of<IOutboxStore>(), Options.Create(new OutboxOptions()),
            NullLogger<OutboxDispatcher>.Instance);
        _resets = new PasswordResets(_users, _links, _secrets, limits, attempts, _accounts, passwords, Mock.Of<IOutboxStore>(), dispatcher,
            Options.Create(new PasswordResetOptions()), _time, NullLogger<PasswordResets>.Instance);
        var identity = new IdentityService(_users, _refreshTokens, attempts, _accounts, passwords, new TokenService(_jwt, _time),
            new RefreshTokenSuccessors(keys), _jwt, _time, NullLogger<IdentityService>.Instance);
        _registrations = new Registrations(identity, _pending, _accounts, _secrets, attempts, passwords, dispatcher, Options.Create(_options), _time,
            NullLogger<Registrations>.Instance);
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => _sent.Add(m)).Returns(Task.CompletedTask);
    }

    private static RegisterRequest Person(string email = "marta@example.org", string dni = "55555555") => new()
    {
        Dni = dni, Phone = "+34 611 222 333", FirstNames = "Marta", LastNames = "Ruiz", Department = "Compras",
        Email = email, Password = "Marta-password-1",
    };

    private AccountEmailDelivery Delivery()
    {
        var urls = Options.Create(new PublicUrlOptions { PublicUrl = "https://tickets.example.org/" });
        var registrations = new RegistrationEmails(_pending, _users, _resets, _secrets, new OnceOnlyEmail(_claims, _time), urls, _time,
            NullLogger<RegistrationEmails>.Instance, _email.Object);
        return new AccountEmailDelivery(_links, _users, _secrets, new OnceOnlyEmail(_claims, _time), _resets, registrations,
            urls, _time, NullLogger<AccountEmailDelivery>.Instance, _email.Object);
    }

    /// <summary>Registers, then runs every queued account e-mail through delivery, as the <c>SendAccountEmail</c> function does.</summary>
    private async Task<Result<RegistrationOutcome>> RegisterAsync(RegisterRequest request)
    {
        var result = await _registrations.RegisterAsync(request, CancellationToken.None);
        await DeliverQueuedAsync();
        return result;
    }

    private readonly HashSet<string> _delivered = [];

    private async Task DeliverQueuedAsync()
    {
        foreach (var message in _pending.Mail.Concat(_links.Mail).Where(m => _delivered.Add(m.Id)).ToList())
            await Delivery().DeliverAsync(message.Body, CancellationToken.None);
        if (_links.Mail.Any(m => !_delivered.Contains(m.Id))) await DeliverQueuedAsync();
    }

    private static string LinkIn(EmailMessage mail, string path) =>
        System.Text.RegularExpressions.Regex.Match(mail.Body, "https://\\S+" + path + "\\?token=(\\S+)") is { Success: true } m
            ? Uri.UnescapeDataString(m.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException($"No {path} link in: {mail.Body}");

    private Task<Result<TokenResponse>> ConfirmAsync(string? token) =>
        _registrations.ConfirmAsync(new ConfirmRegistrationRequest(token), CancellationToken.None);

    private async Task<User> ExistingAsync(string email, string dni) =>
        (await _accounts.CreateAsync(Person(email, dni), Role.User, CancellationToken.None)).Value;

    [Fact]
    public async Task ANewPersonIsMailedALinkThatMakesTheAccountAndSignsThemIn()
    {
        var accepted = await RegisterAsync(Person());
        var confirmed = await ConfirmAsync(LinkIn(_sent.Single(), RegistrationEmails.ConfirmPath));

        Assert.Null(accepted.Value.Created);
        Assert.Equal("Confirma tu cuenta de Tickets", _sent.Single().Subject);
        Assert.Equal("marta@example.org", confirmed.Value.User.Email);
        Assert.Equal(Role.User, (await _users.FindByEmailAsync("marta@example.org"))!.Role);
    }

    [Fact]
    public async Task NothingIsAnAccountBeforeTheLinkIsConfirmed()
    {
        await RegisterAsync(Person());

        Assert.Null(await _users.FindByEmailAsync("marta@example.org"));
    }

    [Fact]
    public async Task ATakenEmailIsAnsweredAlikeAndItsOwnerIsMailedAResetLink()
    {
        await ExistingAsync("marta@example.org", "11111111");

        var accepted = await RegisterAsync(Person());

        Assert.True(accepted.IsSuccess);
        Assert.Null(accepted.Value.Created);
        var mail = _sent.Single();
        Assert.Equal("Ya tienes una cuenta de Tickets", mail.Subject);
        var reset = await _resets.ResetAsync(new ResetPasswordRequest(LinkIn(mail, "/reset-password"), "Another-password-1"), CancellationToken.None);
        Assert.True(reset.IsSuccess);
    }

    [Fact]
    public async Task ATakenDniUnderAnotherEmailIsToldToTheNewAddressWithoutNamingTheOther()
    {
        await ExistingAsync("owner@example.org", "55555555");

        var accepted = await RegisterAsync(Person());

        Assert.True(accepted.IsSuccess);
        var mail = _sent.Single();
        Assert.Equal("marta@example.org", mail.To);
        Assert.Contains("DNI", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("owner@example.org", mail.Body, StringComparison.Ordinal);
        Assert.Null(await _users.FindByEmailAsync("marta@example.org"));
    }

    [Fact]
    public async Task InvalidFieldsAreRefusedAtOnceAndNothingIsKept()
    {
        var result = await RegisterAsync(Person() with { Email = "not-an-address", Dni = "" });

        Assert.Equal(["dni", "email"], result.Error!.Errors!.Keys.Order());
        Assert.Empty(_pending.All);
    }

    [Fact]
    public async Task ALinkConfirmedTwiceMakesOneAccount()
    {
        await RegisterAsync(Person());
        var token = LinkIn(_sent.Single(), RegistrationEmails.ConfirmPath);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => ConfirmAsync(token))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("invalid_registration_link", r.Error!.Code));
        Assert.NotNull(await _users.FindByEmailAsync("marta@example.org"));
    }

    [Fact]
    public async Task ADniTakenBetweenRequestAndConfirmIsAConflictNotAFailure()
    {
        await RegisterAsync(Person());
        var token = LinkIn(_sent.Single(), RegistrationEmails.ConfirmPath);
        await ExistingAsync("quick@example.org", "55555555");

        var result = await ConfirmAsync(token);

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Null(await _users.FindByEmailAsync("marta@example.org"));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedNamingTheToken()
    {
        await RegisterAsync(Person());
        var token = LinkIn(_sent.Single(), RegistrationEmails.ConfirmPath);

        _time.Advance(_options.LinkLifetime);
        var result = await ConfirmAsync(token);

        Assert.Equal("invalid_registration_link", result.Error!.Code);
        Assert.Equal(["token"], result.Error.Errors!.Keys);
    }

    [Fact]
    public async Task ANewerRegistrationOfTheSameAddressEndsTheOlderLink()
    {
        await RegisterAsync(Person());
        var older = LinkIn(_sent[0], RegistrationEmails.ConfirmPath);
        await RegisterAsync(Person());
        var newer = LinkIn(_sent[1], RegistrationEmails.ConfirmPath);

        Assert.Equal("invalid_registration_link", (await ConfirmAsync(older)).Error!.Code);
        Assert.True((await ConfirmAsync(newer)).IsSuccess);
    }

    [Fact]
    public async Task ARegistrationMessageDeliveredTwiceSendsOneMail()
    {
        await RegisterAsync(Person());

        await Delivery().DeliverAsync(_pending.Mail.Single().Body, CancellationToken.None);

        Assert.Single(_sent);
    }

    [Fact]
    public async Task WithVerificationOffTheAccountIsMadeAtOnce()
    {
        _options.VerifyEmail = false;

        var result = await RegisterAsync(Person());

        Assert.Equal("marta@example.org", result.Value.Created!.Email);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task TheQueuedMessageHoldsNoSecret()
    {
        await RegisterAsync(Person());
        var token = LinkIn(_sent.Single(), RegistrationEmails.ConfirmPath);

        Assert.DoesNotContain(token, JsonSerializer.Serialize(_pending.All), StringComparison.Ordinal);
        Assert.DoesNotContain(token, _pending.Mail.Single().Body, StringComparison.Ordinal);
    }
}
