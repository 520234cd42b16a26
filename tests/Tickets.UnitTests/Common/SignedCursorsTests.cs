using Microsoft.Extensions.Options;
using Tickets.Common;
using Tickets.Identity;

namespace Tickets.UnitTests.Common;

public sealed class SignedCursorsTests
{
    private static readonly string Current = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string Previous = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static SignedCursors Cursors(params (string Id, string Key)[] keys) =>
        new(new ServerKeys(Options.Create(new JwtOptions { SigningKeys = keys.Select(k => new SigningKeyOptions { Id = k.Id, Key = k.Key }).ToList() })));

    private readonly string _storeCursor = Cursor.Encode(["created_at_descending", "638000000000000000", "abc"]);

    [Fact]
    public void ASignedCursorOpensToWhatTheStoreWroteForTheSameList()
    {
        var cursors = Cursors(("k2", Current));

        Assert.True(cursors.TryOpen("tickets:u1", cursors.Sign("tickets:u1", _storeCursor)!, out var opened));
        Assert.Equal(_storeCursor, opened);
    }

    [Fact]
    public void ACursorForAnotherListDoesNotOpen()
    {
        var cursors = Cursors(("k2", Current));

        Assert.False(cursors.TryOpen("tickets:u2", cursors.Sign("tickets:u1", _storeCursor)!, out _));
    }

    [Fact]
    public void ACursorForTheSameListUnderOtherFiltersDoesNotOpen()
    {
        var cursors = Cursors(("k2", Current));
        var signed = cursors.Sign(SignedCursors.Filtered("notifications:u1", true), _storeCursor)!;

        Assert.False(cursors.TryOpen(SignedCursors.Filtered("notifications:u1", false), signed, out _));
        Assert.True(cursors.TryOpen(SignedCursors.Filtered("notifications:u1", true), signed, out _));
    }

    [Fact]
    public void FiltersCannotRunIntoEachOther() =>
        Assert.NotEqual(SignedCursors.Filtered("users", new[] { "a,b" }, "c"), SignedCursors.Filtered("users", new[] { "a", "b" }, "c"));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void AnyAlteredCharacterIsRefused(int position)
    {
        var cursors = Cursors(("k2", Current));
        var signed = cursors.Sign("users", _storeCursor)!;
        var at = position < 0 ? signed.Length + position : position;
        var altered = signed[..at] + (signed[at] == 'A' ? 'B' : 'A') + signed[(at + 1)..];

        Assert.False(cursors.TryOpen("users", altered, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("abc.!!!")]
    [InlineData("abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void GarbageIsRefused(string cursor) => Assert.False(Cursors(("k2", Current)).TryOpen("users", cursor, out _));

    [Fact]
    public void ACursorSignedBeforeAKeyRotationStillOpens()
    {
        var before = Cursors(("k1", Previous)).Sign("users", _storeCursor)!;

        Assert.True(Cursors(("k2", Current), ("k1", Previous)).TryOpen("users", before, out _));
        Assert.False(Cursors(("k2", Current)).TryOpen("users", before, out _));
    }

    [Fact]
    public void TheLastPageHasNoCursorToSign() => Assert.Null(Cursors(("k2", Current)).Sign("users", (string?)null));

    [Fact]
    public void OpeningNamesTheCursorWhenItIsNotOneOfOurs()
    {
        var v = new Validator();

        Cursors(("k2", Current)).Open(v, "users", new PageRequest(25, _storeCursor, false));

        Assert.Equal(["cursor"], v.ToDictionary().Keys);
    }
}
