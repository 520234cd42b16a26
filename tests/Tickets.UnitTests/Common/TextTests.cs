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
        Assert.NotNull(Text.Problem(value, TextKind.Lines));
    }

    [Fact]
    public void LoneSurrogatesAreNamedAndFoldWithoutThrowing()
    {
        // Built here: theory data cannot carry a lone surrogate (it is serialised as UTF-8 on the way).
        foreach (var value in new[] { "a\uD800b", "a\uDC00", "\uD800", "\uDC00\uD800" })
        {
            Assert.NotNull(Text.Problem(value, TextKind.Lines));
            Assert.NotNull(Text.Fold(value));
        }
    }

    [Theory]
    [InlineData("La impresora no imprime")]
    [InlineData("Núñez · Ærøskøbing · 東京 · 😀 · ﬃ")]
    [InlineData("مرحبا بالعالم · שלום")]
    [InlineData("👩\u200D💻 · 🏳\uFE0F\u200D🌈 · 👨🏽\u200D🦰 · 🇪🇸 · 1\uFE0F\u20E3")]
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Scotland")]
    [InlineData("")]
    public void OrdinaryTextIsFine(string value) => Assert.Null(Text.Problem(value));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("windows\r\nbreak")]
    public void LineBreaksOnlyWhereTextMaySpanLines(string value)
    {
        Assert.NotNull(Text.Problem(value));
        Assert.Null(Text.Problem(value, TextKind.Lines));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("carriage\rreturn")]
    [InlineData("vertical\vtab")]
    public void TextOfSeveralLinesKeepsLineBreaksOnly(string value) =>
        Assert.Equal(FieldCodes.InvalidCharacters, Text.Problem(value, TextKind.Lines)?.Code);

    /// <summary>The characters that make text read otherwise than it is, and the ones nobody sees.</summary>
    public static TheoryData<string> Deceiving() =>
    [
        "invoice \u202Egnp.exe", "a\u202Ab", "a\u202Bb", "a\u202Cb", "a\u202Db", "a\u2066b", "a\u2067b", "a\u2068b", "a\u2069b",
        "a\u200Eb", "a\u200Fb", "a\u061Cb", "line\u2028separator", "paragraph\u2029separator", "zero\u200Bwidth", "a\u200Cb",
        "a\u200Db", "\uFEFFbom", "a\u2060b", "a\u2061b", "a\u2064b", "soft\u00ADhyphen", "a\U000E0041b",
        "😀\u200D", "\u200D😀", "a\u200D😀", "😀\u200Da", "🏴\u200D\u200D🌈",
    ];

    [Theory]
    [MemberData(nameof(Deceiving))]
    public void TextPeopleReadRefusesBidiControlsAndInvisibleCharacters(string value)
    {
        Assert.Equal(FieldCodes.InvisibleCharacters, Text.Problem(value)?.Code);
        Assert.Equal(FieldCodes.InvisibleCharacters, Text.Problem(value, TextKind.Lines)?.Code);
    }

    [Fact]
    public void APasswordMayHoldFormatCharactersButNoControlCharacters()
    {
        Assert.Null(Text.Problem("pass\u200Bword\u202E!", TextKind.Opaque));
        Assert.NotNull(Text.Problem("pass\tword", TextKind.Opaque));
    }

    [Fact]
    public void ATitleWithABidiOverrideNamesTheTitleWithTheInvisibleCharactersCode() =>
        Assert.Equal(
            new Dictionary<string, string[]> { ["title"] = [FieldCodes.InvisibleCharacters] },
            new Validator().Text("title", "invoice \u202Egnp.exe", 3, 200).Codes());

    [Fact]
    public void ACommentKeepsItsLineBreaksButNotAZeroWidthSpace()
    {
        Assert.True(new Validator().Text("body", "Hola,\r\nya funciona.\n\nGracias", 1, 5000, multiline: true).IsValid);
        Assert.Equal(
            new Dictionary<string, string[]> { ["body"] = [FieldCodes.InvisibleCharacters] },
            new Validator().Text("body", "Hola,\nya\u200B funciona", 1, 5000, multiline: true).Codes());
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
