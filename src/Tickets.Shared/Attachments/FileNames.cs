using System.Text;
using Tickets.Common;

namespace Tickets.Attachments;

/// <summary>
/// File names as the help desk keeps them: only the last part of whatever path a client sent (both <c>/</c> and
/// <c>\</c> separate), trimmed, without control characters, noncharacters or anything that changes how it reads
/// (<see cref="Text.Problem"/>), at most <see cref="MaxLength"/> characters. The name is only ever shown and offered as
/// the download's name; the blob is named by the upload's id.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>The form field whose problems these are.</summary>
    public const string Field = "file";

    /// <summary>The cleaned name, or a 400 naming <c>file</c>.</summary>
    public static Result<string> Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Error.Field(Field, FieldCodes.Required, "The file needs a name.");

        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        // A drive ("C:name") is a path part too; Windows also drops trailing dots and spaces, so "x.exe. " is x.exe.
        if (last.Length >= 2 && last[1] == ':' && char.IsAsciiLetter(last[0])) last = last[2..];
        var cleaned = last.Trim().TrimEnd('.', ' ');
        if (cleaned.Length == 0) return Error.Field(Field, FieldCodes.Required, "The file name has no name after its folders.");
        if (Text.Problem(cleaned) is { } problem) return Error.Field(Field, problem.Code, problem.Message);
        if (cleaned.Length > MaxLength) return Error.Field(Field, FieldCodes.TooLong, $"The file name may not exceed {MaxLength} characters.");
        return cleaned;
    }

    /// <summary>
    /// <paramref name="name"/> with an extension of <paramref name="kind"/>: kept when it has one, else the kind's own is
    /// added (a png sent as <c>report.html</c> downloads as <c>report.html.png</c>), shortening the name to fit.
    /// </summary>
    public static string WithExtensionOf(string name, FileKind kind)
    {
        var extension = Path.GetExtension(name).TrimStart('.');
        if (kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) return name;
        var suffix = "." + kind.Extensions[0];
        var room = MaxLength - suffix.Length;
        if (name.Length > room)
        {
            var cut = room;
            // Never split a surrogate pair.
            if (char.IsLowSurrogate(name[cut])) cut--;
            name = name[..cut];
        }

        return name + suffix;
    }

    /// <summary>
    /// A <c>Content-Disposition</c> value naming <paramref name="fileName"/>: <c>inline</c> or <c>attachment</c>, an ASCII
    /// <c>filename</c> for old clients and the exact name as RFC 5987 <c>filename*</c> (RFC 6266).
    /// </summary>
    public static string ContentDisposition(string fileName, bool inline)
    {
        var ascii = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
            ascii.Append(c is >= ' ' and <= '~' and not '"' and not '\\' and not '%' ? c : '_');
        // Uri.EscapeDataString leaves only unreserved characters (A-Z a-z 0-9 - . _ ~), all of them attr-chars.
        return $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
