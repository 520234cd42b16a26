using System.Text;
using Tickets.Common;
using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

public sealed class InboundMailKeyTests
{
    [Fact]
    public void TheKeyIsTheFirst32HexDigitsOfTheSha256OfTheMessageIdWithoutBrackets()
    {
        // SHA-256("abc@example.org")
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("abc@example.org")))[..32];

        Assert.Equal(expected, InboundMailKey.Of(" <abc@example.org> ", "other bytes"u8));
    }

    [Fact]
    public void TheSameMessageIdGivesTheSameKeyWhateverTheBytes()
    {
        Assert.Equal(InboundMailKey.Of("abc@example.org", "one"u8), InboundMailKey.Of("<abc@example.org>", "two"u8));
    }

    [Fact]
    public void AMessageWithoutMessageIdIsKeyedByItsBytes()
    {
        Assert.NotEqual(InboundMailKey.Of(null, "one"u8), InboundMailKey.Of("", "two"u8));
        Assert.Equal(InboundMailKey.Of(null, "one"u8), InboundMailKey.Of("  ", "one"u8));
    }

    [Fact]
    public void TheTicketAndCommentIdsAreWellFormedIds()
    {
        var key = InboundMailKey.Of("abc@example.org", default);

        Assert.Equal((true, true, 32), (Ids.IsWellFormed(InboundMailKey.TicketId(key)), Ids.IsWellFormed(InboundMailKey.CommentId(key)), key.Length));
    }
}
