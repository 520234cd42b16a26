using Microsoft.Extensions.Options;
using Tickets.Identity;
using Tickets.Tickets.Resolution;

namespace Tickets.UnitTests.Tickets;

/// <summary>The signed resolution link: what it names reads back, and nothing altered, forged or signed elsewhere does.</summary>
public sealed class ResolutionLinkTokensTests
{
    private static readonly ResolutionLinkClaims Claims = new("ticket-1", 42, "u-requester", new DateTimeOffset(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero),
        ResolutionAnswer.Reopen, new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero));

    private static ResolutionLinkTokens Tokens(params string[] keys) =>
        new(new ServerKeys(Options.Create(new JwtOptions { SigningKeys = [.. keys.Select((k, i) => new SigningKeyOptions { Id = $"k{i}", Key = k })] })));

    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void ATokenReadsBackAsWhatItNames()
    {
        var tokens = Tokens(KeyA);

        Assert.Equal(Claims, tokens.Read(tokens.Create(Claims)));
    }

    [Fact]
    public void AnAlteredPayloadIsRefused()
    {
        var tokens = Tokens(KeyA);
        var token = tokens.Create(Claims);
        var confirm = tokens.Create(Claims with { Answer = ResolutionAnswer.Confirm });

        // The confirm link's payload with the reopen link's signature.
        var swapped = confirm.Split('.')[0] + "." + token.Split('.')[1];

        Assert.Null(tokens.Read(swapped));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("e30.AAAA")]
    public void MalformedTokensAreRefused(string token) => Assert.Null(Tokens(KeyA).Read(token));

    [Fact]
    public void ATokenSignedWithAnotherKeyIsRefused() => Assert.Null(Tokens(KeyA).Read(Tokens(KeyB).Create(Claims)));

    [Fact]
    public void ATokenSignedBeforeARotationStillReads()
    {
        var before = Tokens(KeyA).Create(Claims);

        Assert.Equal(Claims, Tokens(KeyB, KeyA).Read(before));
    }
}
