using Tickets.Common;

namespace Tickets.UnitTests.Common;

public sealed class TextTests
{
    public static TheoryData<string> Unprintable() =>
    [
        "a\uFFFEb", "a\uFFFFb", "a\uFDD0b", "a\uFDEFb", "a\U0001FFFEb", "a\U0010FFFFb", "a\u0000b", "a\u0007b",
        "a\u007Fb", "a\u0085b", "a\u001Bb",
    ];

    [Theory]
    [MemberData(nameof(Unprintable))]
    public void UnprintableTextIsNamed(string value)
    {
        Assert.NotNull(Text.Problem(value));
        Assert.NotNull(Text.Problem(value, multiline: true));
    }

    [Fact]
    public void LoneSurrogatesAreNamedAndFoldWithoutThrowing()
    {
        // Built here: theory data cannot carry a lone surrogate (it is serialised as UTF-8 on the way).
        foreach (var value in new[] { "a\uD800b", "a\uDC00", "\uD800", "\uDC00\uD800" })
        {
            Assert.NotNull(Text.Problem(value, multiline: true));
            Assert.NotNull(Text.Fold(value));
        }
    }

    [Theory]
    [InlineData("La impresora no imprime")]
    [InlineData("Núñez · Ærøskøbing · 東京 · 😀 · ﬃ")]
    [InlineData("\u202Eright-to-left override is printable")]
    [InlineData("")]
    public void OrdinaryTextIsFine(string value) => Assert.Null(Text.Problem(value));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("windows\r\nbreak")]
    public void LineBreaksAndTabsOnlyWhereTextMaySpanLines(string value)
    {
        Assert.NotNull(Text.Problem(value));
        Assert.Null(Text.Problem(value, multiline: true));
    }

    [Theory]
    [MemberData(nameof(Unprintable))]
    public void FoldingNeverThrowsWhateverTheText(string value) => Assert.NotNull(Text.Fold(value));

    [Fact]
    public void FoldingIgnoresCaseAndAccents() => Assert.Equal(Text.Fold("IMPRESION"), Text.Fold("Impresión"));

    [Fact]
    public void ATitleWithANoncharacterIsInvalidBeforeAnythingElseHappens()
    {
        var v = new Validator().Text("title", "Impresora \uFFFE rota", 3, 200);

        Assert.Equal(["title"], v.ToDictionary().Keys);
    }

    [Fact]
    public void AnEmailWithAControlCharacterIsNotAnEmail() =>
        Assert.False(new Validator().Email("email", "ana\u0007@example.org").IsValid);
}
