using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.UnitTests.Identity;

public sealed class TokenServiceTests
{
    private static readonly string CurrentKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string PreviousKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));

    private static readonly User Someone = new()
    {
        Id = "u1", Email = "ana@example.org", Dni = "12345678", Phone = "600000000", FirstNames = "Ana", LastNames = "Pérez",
        Department = "IT", Role = Role.Technician, Active = true, PasswordHash = "x",
        CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, SecurityStamp = "stamp-1",
    };

    private TokenService Service(string issuer = "tickets", string audience = "tickets-api", params (string Id, string Key)[] keys) =>
        new(Options.Create(new JwtOptions
        {
            Issuer = issuer,
            Audience = audience,
            SigningKeys = (keys.Length == 0 ? [("k2", CurrentKey), ("k1", PreviousKey)] : keys)
                .Select(k => new SigningKeyOptions { Id = k.Id, Key = k.Key }).ToList(),
        }), _time);

    [Fact]
    public async Task IssuedTokenValidatesToItsSubject()
    {
        var service = Service();

        Assert.Equal("u1", (await service.ValidateAsync(service.Issue(Someone, "s1").Token))?.Subject);
    }

    [Fact]
    public void IssuedTokenCarriesTheDesignClaimsAndKeyId()
    {
        var token = new JsonWebToken(Service().Issue(Someone, "s1").Token);

        Assert.Equal("k2", token.Kid);
        Assert.Equal("HS256", token.Alg);
        Assert.Equal("u1", token.Subject);
        Assert.Equal("technician", token.GetClaim("role").Value);
        Assert.Equal("Ana Pérez", token.GetClaim("name").Value);
        Assert.Equal("ana@example.org", token.GetClaim("email").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(Someone.SecurityStamp, token.GetClaim(TokenService.StampClaim).Value);
        Assert.Equal("s1", token.GetClaim(TokenService.SessionClaim).Value);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task ExpiredTokenIsRejected()
    {
        var service = Service();
        var token = service.Issue(Someone, "s1").Token;

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));

        Assert.Null(await service.ValidateAsync(token));
    }

    [Fact]
    public async Task TokenAcceptedEarlierIsRejectedOnceItExpires()
    {
        // Accepted tokens are remembered to spare the signature check; their lifetime is still checked on every use.
        var service = Service();
        var token = service.Issue(Someone, "s1").Token;
        Assert.Equal("u1", (await service.ValidateAsync(token))?.Subject);

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));

        Assert.Null(await service.ValidateAsync(token));
    }

    [Fact]
    public async Task TokenWithinClockSkewAfterExpiryIsStillAccepted()
    {
        var service = Service();
        var token = service.Issue(Someone, "s1").Token;

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(10));

        Assert.Equal("u1", (await service.ValidateAsync(token))?.Subject);
    }

    [Fact]
    public async Task NotYetValidTokenIsRejected()
    {
        var service = Service();
        var issuerClock = new FakeTimeProvider(_time.GetUtcNow().AddMinutes(10));
        var fromTheFuture = new TokenService(
            Options.Create(new JwtOptions { SigningKeys = [new SigningKeyOptions { Id = "k2", Key = CurrentKey }] }), issuerClock).Issue(Someone, "s1").Token;

        Assert.Null(await service.ValidateAsync(fromTheFuture));
    }

    [Fact]
    public async Task TokenSignedWithAnotherKeyUnderAKnownKidIsRejected()
    {
        var forged = Service(keys: ("k2", Convert.ToBase64String(new byte[32]))).Issue(Someone, "s1").Token;

        Assert.Null(await Service().ValidateAsync(forged));
    }

    [Fact]
    public async Task TokenSignedWithThePreviousKeyIsStillAccepted()
    {
        var old = Service(keys: ("k1", PreviousKey)).Issue(Someone, "s1").Token;

        Assert.Equal("u1", (await Service().ValidateAsync(old))?.Subject);
    }

    [Fact]
    public async Task TokenWithUnknownKidIsRejected()
    {
        var other = Service(keys: ("k9", CurrentKey)).Issue(Someone, "s1").Token;

        Assert.Null(await Service().ValidateAsync(other));
    }

    [Fact]
    public async Task TokenWithoutKidIsRejected()
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = _time.GetUtcNow().UtcDateTime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tickets", Audience = "tickets-api", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "u1" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(CurrentKey)), SecurityAlgorithms.HmacSha256),
        });

        Assert.Null(await Service().ValidateAsync(token));
    }

    [Fact]
    public async Task TokenWithWrongAlgorithmIsRejected()
    {
        var handler = new JsonWebTokenHandler();
        var now = _time.GetUtcNow().UtcDateTime;
        var key = new SymmetricSecurityKey(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray()) { KeyId = "k2" };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tickets", Audience = "tickets-api", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "u1" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha512),
        });

        Assert.Equal("HS512", new JsonWebToken(token).Alg);
        Assert.Null(await Service(keys: ("k2", Convert.ToBase64String(key.Key))).ValidateAsync(token));
    }

    [Fact]
    public async Task UnsignedTokenWithAlgNoneIsRejected()
    {
        var valid = new JsonWebToken(Service().Issue(Someone, "s1").Token);
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"kid\":\"k2\",\"typ\":\"JWT\"}"));
        var unsigned = $"{header}.{valid.EncodedPayload}.";

        Assert.Null(await Service().ValidateAsync(unsigned));
    }

    [Fact]
    public async Task TamperedPayloadIsRejected()
    {
        var valid = new JsonWebToken(Service().Issue(Someone, "s1").Token);
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(valid.EncodedPayload)).Replace("\"technician\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{valid.EncodedHeader}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{valid.EncodedSignature}";

        Assert.Null(await Service().ValidateAsync(tampered));
    }

    [Theory]
    [InlineData("someone-else", "tickets-api")]
    [InlineData("tickets", "another-api")]
    public async Task TokenForAnotherIssuerOrAudienceIsRejected(string issuer, string audience)
    {
        var foreign = Service(issuer, audience).Issue(Someone, "s1").Token;

        Assert.Null(await Service().ValidateAsync(foreign));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task GarbageIsRejected(string token)
    {
        Assert.Null(await Service().ValidateAsync(token));
    }

    [Fact]
    public void KeyShorterThan256BitsIsAStartupError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Service(keys: ("short", Convert.ToBase64String(new byte[16]))));
        Assert.Contains("256 bits", error.Message, StringComparison.Ordinal);
    }
}
