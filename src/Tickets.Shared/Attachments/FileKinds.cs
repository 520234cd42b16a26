using System.Buffers;
using System.Text;
using Tickets.Common;

namespace Tickets.Attachments;

/// <summary>A kind of file the help desk takes: the content type it is served with and the extensions it goes by (the first is its own).</summary>
/// <param name="IsText">Text kinds are checked to the last byte while they stream in: valid UTF-8, no NUL.</param>
public sealed record FileKind(string ContentType, IReadOnlyList<string> Extensions, bool IsText = false);

/// <summary>
/// The kinds of file the help desk takes, decided by the content's signature (never by the name): images (png, jpeg,
/// gif, webp), pdf, plain text (txt, csv, log: UTF-8 without NUL that is not markup), zip and Office documents (their
/// container's signature, told apart by the extension), <c>.eml</c> messages. Everything else — html, svg, xml,
/// scripts, executables, anything unknown — is refused, so nothing a browser could run is ever stored or served.
/// </summary>
public static class FileKinds
{
    /// <summary>How much of a file is read before it is judged; browsers sniff less than this (WHATWG: 1445 bytes).</summary>
    public const int HeadBytes = 8 * 1024;

    public static readonly FileKind Png = new("image/png", ["png"]);
    public static readonly FileKind Jpeg = new("image/jpeg", ["jpg", "jpeg", "jpe", "jfif"]);
    public static readonly FileKind Gif = new("image/gif", ["gif"]);
    public static readonly FileKind Webp = new("image/webp", ["webp"]);
    public static readonly FileKind Pdf = new("application/pdf", ["pdf"]);
    public static readonly FileKind PlainText = new("text/plain", ["txt", "text", "log", "md"], IsText: true);
    public static readonly FileKind Csv = new("text/csv", ["csv"], IsText: true);
    public static readonly FileKind TabSeparated = new("text/tab-separated-values", ["tsv"], IsText: true);
    public static readonly FileKind Message = new("message/rfc822", ["eml"], IsText: true);
    public static readonly FileKind Zip = new("application/zip", ["zip"]);

    /// <summary>Zip containers, by extension (OOXML and OpenDocument are zips). Macro-enabled formats are not here.</summary>
    private static readonly Dictionary<string, FileKind> Zips = new[]
    {
        Zip,
        new FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"]),
        new FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"]),
        new FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation", ["pptx"]),
        new FileKind("application/vnd.oasis.opendocument.text", ["odt"]),
        new FileKind("application/vnd.oasis.opendocument.spreadsheet", ["ods"]),
        new FileKind("application/vnd.oasis.opendocument.presentation", ["odp"]),
    }.ToDictionary(k => k.Extensions[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>OLE compound files, by extension (legacy Office); an .msi is one too, and is refused.</summary>
    private static readonly Dictionary<string, FileKind> OleDocuments = new[]
    {
        new FileKind("application/msword", ["doc"]),
        new FileKind("application/vnd.ms-excel", ["xls"]),
        new FileKind("application/vnd.ms-powerpoint", ["ppt"]),
    }.ToDictionary(k => k.Extensions[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>Text goes by these names only: a text file named .js, .ps1, .bat, .html, .svg, .xml … is a script or markup.</summary>
    private static readonly Dictionary<string, FileKind> Texts = new[] { PlainText, Csv, TabSeparated }
        .SelectMany(k => k.Extensions.Select(e => (e, k)))
        .Append(("", PlainText))
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>What a browser would take for a document of its own (html, svg, xml) if it ever sniffed.</summary>
    private static readonly byte[][] Markup =
    [
        .. new[] { "<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<object", "<embed", "<meta", "<style", "<link", "<a ", "<img", "<xml", "<!--" }
            .Select(Encoding.ASCII.GetBytes),
    ];

    /// <summary>Header fields one of which an e-mail message has (RFC 5322).</summary>
    private static readonly string[] MessageFields = ["from", "to", "subject", "date", "received", "message-id", "mime-version", "return-path", "sender", "reply-to"];

    /// <summary>Images and pdf open in the browser; everything else is downloaded.</summary>
    public static bool IsInline(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf";

    /// <summary>
    /// The kind of a file from its first bytes (<paramref name="head"/>: up to <see cref="HeadBytes"/>, all of it when
    /// <paramref name="complete"/>) and, where one signature covers several kinds (zip, OLE, text), its name's extension;
    /// a 415 naming <c>file</c> for anything not taken.
    /// </summary>
    public static Result<FileKind> Detect(ReadOnlySpan<byte> head, string fileName, bool complete)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return Zips.TryGetValue(extension, out var zipped) ? zipped
                : Refused($"A zip container named .{extension}: only .zip and Office documents ({string.Join(", ", Zips.Keys.Skip(1).Select(e => "." + e))}) are taken.");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return OleDocuments.TryGetValue(extension, out var document) ? document
                : Refused($"A compound file named .{extension}: only legacy Office documents (.doc, .xls, .ppt) are taken.");
        }

        if (IsExecutable(head)) return Refused("Programs are not taken.");
        if (head.StartsWith("#!"u8)) return Refused("Scripts are not taken.");
        if (head.Length == 0) return Refused("The file is empty.");
        return DetectText(head, extension, complete);
    }

    /// <summary>A 415 naming <c>file</c>: nothing was stored.</summary>
    public static Error Refused(string why) =>
        new(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.",
            "The file's content is not a kind the help desk takes: images (png, jpeg, gif, webp), pdf, text (txt, csv, log), zip, Office documents, .eml.")
        {
            Errors = new Dictionary<string, string[]> { [FileNames.Field] = [why] },
            ErrorCodes = new Dictionary<string, string[]> { [FileNames.Field] = [FieldCodes.NotAllowed] },
        };

    /// <summary>Windows (MZ), ELF, Mach-O (both byte orders, 32/64-bit and universal) and WebAssembly.</summary>
    private static bool IsExecutable(ReadOnlySpan<byte> head) =>
        head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) || head.StartsWith("\0asm"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
        || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
        || head.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]);

    private static Result<FileKind> DetectText(ReadOnlySpan<byte> head, string extension, bool complete)
    {
        if (head.Contains((byte)0)) return Refused("Binary content of a kind that is not taken.");
        if (!IsUtf8(head, complete)) return Refused("Text must be UTF-8.");

        var text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        if (extension.Equals("eml", StringComparison.OrdinalIgnoreCase))
            return IsMessage(text) ? Message : Refused("An .eml file must be an e-mail message (RFC 5322 header fields first).");
        if (IsMarkup(text)) return Refused("HTML, SVG and XML are not taken.");
        return Texts.TryGetValue(extension, out var kind) ? kind
            : Refused($"Text named .{extension}: only .txt, .csv, .tsv, .log and .md are taken (scripts are not).");
    }

    /// <summary>Valid UTF-8 throughout; a sequence cut by the end of an incomplete head is left to the rest of the file.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData) return !complete;
            if (status != OperationStatus.Done) return false;
            bytes = bytes[consumed..];
        }

        return true;
    }

    private static bool IsMarkup(ReadOnlySpan<byte> text)
    {
        var trimmed = text.TrimStart(" \t\r\n\f"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'<') return true;
        var lower = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            var span = lower.AsSpan(0, text.Length);
            for (var i = 0; i < text.Length; i++) span[i] = text[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(text[i] | 0x20) : text[i];
            foreach (var tag in Markup)
                if (span.IndexOf(tag) >= 0) return true;
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(lower);
        }
    }

    /// <summary>Starts with a header field (<c>name: value</c>, RFC 5322 §2.2) and has one an e-mail message has.</summary>
    private static bool IsMessage(ReadOnlySpan<byte> text)
    {
        var known = false;
        var first = true;
        foreach (var range in text.Split("\n"u8))
        {
            var line = text[range].TrimEnd("\r"u8);
            if (line.IsEmpty) break;
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (first) return false;
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].ContainsAnyExceptInRange((byte)33, (byte)126)) return false;
            known |= MessageFields.Contains(Encoding.ASCII.GetString(line[..colon]).ToLowerInvariant());
            first = false;
        }

        return known;
    }
}
