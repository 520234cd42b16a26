using System.Text;
using Tickets.Attachments;
using Tickets.Common;

namespace Tickets.UnitTests.Attachments;

public sealed class FileKindsTests
{
    private static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static readonly byte[] ZipHead = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0];
    private static readonly byte[] OleHead = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];

    private static Result<FileKind> Detect(byte[] content, string name, bool complete = true) => FileKinds.Detect(content, name, complete);

    private static Result<FileKind> Detect(string text, string name) => Detect(Encoding.UTF8.GetBytes(text), name);

    private static string ContentType(Result<FileKind> detected) => detected.IsSuccess ? detected.Value.ContentType : "refused";

    public static TheoryData<byte[], string, string> Taken() => new()
    {
        { PngHead, "shot.png", "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F'], "photo.jpg", "image/jpeg" },
        { "GIF89a\x01\0\x01\0"u8.ToArray(), "anim.gif", "image/gif" },
        { "GIF87a\x01\0\x01\0"u8.ToArray(), "old.gif", "image/gif" },
        { "RIFF\x24\0\0\0WEBPVP8 "u8.ToArray(), "pic.webp", "image/webp" },
        { "%PDF-1.7\n%\xE2\xE3\xCF\xD3"u8.ToArray(), "invoice.pdf", "application/pdf" },
        { ZipHead, "logs.zip", "application/zip" },
        { ZipHead, "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { ZipHead, "BUDGET.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { ZipHead, "deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { ZipHead, "letter.odt", "application/vnd.oasis.opendocument.text" },
        { OleHead, "old.doc", "application/msword" },
        { OleHead, "old.xls", "application/vnd.ms-excel" },
        { OleHead, "old.ppt", "application/vnd.ms-powerpoint" },
        { "Printer says PC LOAD LETTER\n"u8.ToArray(), "notes.txt", "text/plain" },
        { "2025-01-01 ERROR disk full\n"u8.ToArray(), "app.log", "text/plain" },
        { "name;qty\nTóner;3\n"u8.ToArray(), "order.csv", "text/csv" },
        { "a\tb\n"u8.ToArray(), "sheet.tsv", "text/tab-separated-values" },
        { "no extension at all"u8.ToArray(), "README", "text/plain" },
        { [0xEF, 0xBB, 0xBF, (byte)'B', (byte)'O', (byte)'M'], "bom.txt", "text/plain" },
        { "1 < 2 and 3 > 2\n"u8.ToArray(), "math.txt", "text/plain" },
        { "From: ana@example.org\r\nTo: soporte@example.org\r\nSubject: Impresora\r\n\r\nNo imprime.\r\n"u8.ToArray(), "mail.eml", "message/rfc822" },
        { "Received: from mx\r\n\tby mx2\r\nFrom: a@b\r\n\r\n<html><body>hi</body></html>"u8.ToArray(), "forwarded.EML", "message/rfc822" },
    };

    [Theory]
    [MemberData(nameof(Taken))]
    public void TheKindIsDecidedByTheContentsSignature(byte[] content, string name, string contentType)
    {
        Assert.Equal(contentType, ContentType(Detect(content, name)));
    }

    public static TheoryData<string, string> MarkupAndScripts() => new()
    {
        { "<!DOCTYPE html><html><script>alert(1)</script>", "shot.png" },
        { "<html><body>hi</body></html>", "page.txt" },
        { "  \r\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "logo.svg" },
        { "<svg/onload=alert(1)>", "logo.png" },
        { "<?xml version=\"1.0\"?><root/>", "data.xml" },
        { "<?xml version=\"1.0\"?><root/>", "data.txt" },
        { "hello\n<SCRIPT>alert(1)</SCRIPT>", "notes.txt" },
        { "text first then <iframe src=x>", "notes.log" },
        { "#!/bin/sh\nrm -rf /\n", "run.txt" },
        { "#!/usr/bin/env python\nprint(1)\n", "tool" },
        { "WScript.Echo('hi')", "run.js" },
        { "Write-Host hi", "run.ps1" },
        { "@echo off\r\ndel *.*", "run.bat" },
        { "echo hi", "run.sh" },
        { "{\"a\":1}", "data.json" },
        { "plain words", "page.html" },
        { "Hello: world but no known field\r\n\r\nbody", "odd.eml" },
        { "just text, no headers", "note.eml" },
    };

    [Theory]
    [MemberData(nameof(MarkupAndScripts))]
    public void MarkupAndScriptsAreRefusedWhateverTheirName(string content, string name)
    {
        var detected = Detect(content, name);

        Assert.False(detected.IsSuccess);
        Assert.Equal(ErrorKind.UnsupportedMediaType, detected.Error!.Kind);
        Assert.Equal(["file"], detected.Error.Errors!.Keys);
    }

    public static TheoryData<byte[], string> Binaries() => new()
    {
        { "MZ\x90\0\x03\0\0\0"u8.ToArray(), "setup.exe" },
        { "MZ\x90\0\x03\0\0\0"u8.ToArray(), "innocent.png" },
        { [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], "tool.txt" },
        { [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1], "app" },
        { [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2], "Main.class" },
        { "\0asm\x01\0\0\0"u8.ToArray(), "mod.wasm" },
        { ZipHead, "app.jar" },
        { ZipHead, "macro.docm" },
        { ZipHead, "noextension" },
        { OleHead, "installer.msi" },
        { [0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE], "blob.bin" },
        { [0xFF, 0xFE, (byte)'h', 0, (byte)'i', 0], "utf16.txt" },
        { [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n'], "latin1.txt" },
        { [(byte)'a', 0xC0, 0xAF], "overlong.txt" },
        { [(byte)'a', 0xED, 0xA0, 0x80], "surrogate.txt" },
        { [], "empty.txt" },
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public void ExecutablesUnknownBinariesAndTextThatIsNotUtf8AreRefused(byte[] content, string name)
    {
        Assert.Equal("refused", ContentType(Detect(content, name)));
    }

    [Fact]
    public void AUtf8SequenceCutByTheEndOfTheHeadIsLeftToTheRestOfTheFile()
    {
        // The first of the two bytes of "ó".
        var cut = Encoding.UTF8.GetBytes("abc ó")[..^1];

        Assert.Equal("text/plain", ContentType(Detect(cut, "a.txt", complete: false)));
        Assert.Equal("refused", ContentType(Detect(cut, "a.txt", complete: true)));
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("image/gif", true)]
    [InlineData("image/webp", true)]
    [InlineData("application/pdf", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/zip", false)]
    [InlineData("message/rfc822", false)]
    public void OnlyImagesAndPdfOpenInPlace(string contentType, bool inline)
    {
        Assert.Equal(inline, FileKinds.IsInline(contentType));
    }
}
