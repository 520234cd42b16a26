using Tickets.Attachments;
using Tickets.Common;

namespace Tickets.UnitTests.Attachments;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("shot.png", "shot.png")]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("C:\\x\\y.png", "y.png")]
    [InlineData("C:y.png", "y.png")]
    [InlineData("\\\\server\\share\\informe.pdf", "informe.pdf")]
    [InlineData("a/b\\c/d.txt", "d.txt")]
    [InlineData("  Informe de avería.pdf  ", "Informe de avería.pdf")]
    [InlineData("virus.exe. . ", "virus.exe")]
    [InlineData("captura 👩‍💻.png", "captura 👩‍💻.png")]
    public void OnlyTheLastPartOfAPathIsKeptTrimmed(string sent, string kept)
    {
        Assert.Equal(kept, FileNames.Clean(sent).Value);
    }

    [Theory]
    [InlineData(null, FieldCodes.Required)]
    [InlineData("", FieldCodes.Required)]
    [InlineData("   ", FieldCodes.Required)]
    [InlineData("folder/", FieldCodes.Required)]
    [InlineData("../..", FieldCodes.Required)]
    [InlineData("..", FieldCodes.Required)]
    [InlineData("a\u0000b.txt", FieldCodes.InvalidCharacters)]
    [InlineData("a\nb.txt", FieldCodes.InvalidCharacters)]
    [InlineData("a\u001Bb.txt", FieldCodes.InvalidCharacters)]
    [InlineData("a\uFFFEb.txt", FieldCodes.InvalidCharacters)]
    [InlineData("a\uFDD0b.txt", FieldCodes.InvalidCharacters)]
    [InlineData("invoice\u202Egnp.exe", FieldCodes.InvisibleCharacters)]
    [InlineData("a\u200Bb.txt", FieldCodes.InvisibleCharacters)]
    public void ControlCharactersNoncharactersAndEmptyNamesAreRefusedNamingFile(string? sent, string code)
    {
        var cleaned = FileNames.Clean(sent);

        Assert.False(cleaned.IsSuccess);
        Assert.Equal([code], cleaned.Error!.ErrorCodes!["file"]);
    }

    [Fact]
    public void NamesUpTo255CharactersAreKeptAndLongerOnesRefused()
    {
        var longest = new string('a', 251) + ".txt";

        Assert.Equal(longest, FileNames.Clean("dir/" + longest).Value);
        Assert.Equal([FieldCodes.TooLong], FileNames.Clean("b" + longest).Error!.ErrorCodes!["file"]);
    }

    [Theory]
    [InlineData("shot.png", "shot.png")]
    [InlineData("shot.PNG", "shot.PNG")]
    [InlineData("report.html", "report.html.png")]
    [InlineData("noextension", "noextension.png")]
    public void AFileWhoseNameHidesItsKindGetsItsKindsExtension(string name, string kept)
    {
        Assert.Equal(kept, FileNames.WithExtensionOf(name, FileKinds.Png));
    }

    [Fact]
    public void TheAddedExtensionFitsWithinTheLongestNameWithoutSplittingACharacter()
    {
        var name = new string('a', 250) + "😀.ht"; // 255 UTF-16 units, the emoji's pair at 250–251

        var kept = FileNames.WithExtensionOf(name, FileKinds.Jpeg);

        Assert.Equal(new string('a', 250) + ".jpg", kept);
    }

    [Fact]
    public void TheDispositionCarriesAnAsciiNameAndTheExactNameEncoded()
    {
        var disposition = FileNames.ContentDisposition("Informe \"final\" 100%.pdf", inline: true);

        Assert.Equal("inline; filename=\"Informe _final_ 100_.pdf\"; filename*=UTF-8''Informe%20%22final%22%20100%25.pdf", disposition);
    }

    [Fact]
    public void ANonAsciiNameIsExactOnlyInFilenameStar()
    {
        var disposition = FileNames.ContentDisposition("avería;x.txt", inline: false);

        Assert.Equal("attachment; filename=\"aver_a;x.txt\"; filename*=UTF-8''aver%C3%ADa%3Bx.txt", disposition);
    }
}
