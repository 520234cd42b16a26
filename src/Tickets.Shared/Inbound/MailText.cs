using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tickets.Inbound;

/// <summary>
/// The words of a mail as the help desk keeps them: the plain-text part, or the HTML part turned to text (scripts and
/// styles dropped, blocks on their own lines, quoted blocks marked with <c>&gt;</c> so <see cref="ReplyText"/> can cut
/// them, entities decoded), cleaned to what a ticket's text may hold: <c>\n</c> line breaks, no control or invisible
/// characters, no trailing spaces.
/// </summary>
public static partial class MailText
{
    /// <summary>Elements that start a line of their own.</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "address", "center", "form",
    };

    /// <summary>Elements that stand apart, after a blank line.</summary>
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "blockquote",
    };

    /// <summary>HTML to text: what a reader sees, line by line.</summary>
    public static string FromHtml(string html)
    {
        var source = Dropped().Replace(html, " ");
        var text = new StringBuilder(source.Length / 2);
        var quoteDepth = 0;
        var position = 0;
        foreach (Match tag in Tag().Matches(source))
        {
            AppendText(text, source[position..tag.Index], quoteDepth);
            position = tag.Index + tag.Length;
            var closing = tag.Groups[1].Value == "/";
            var name = tag.Groups[2].Value;
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('\n');
                continue;
            }

            if (name.Equals("blockquote", StringComparison.OrdinalIgnoreCase)) quoteDepth = Math.Max(0, quoteDepth + (closing ? -1 : 1));
            if (Paragraphs.Contains(name))
            {
                StartLine(text);
                if (text.Length > 1 && text[^2] != '\n') text.Append('\n');
            }
            else if (Lines.Contains(name))
            {
                StartLine(text);
                if (!closing && name.Equals("li", StringComparison.OrdinalIgnoreCase)) text.Append(Quote(quoteDepth)).Append("- ");
            }
            else if (!closing && name.Equals("td", StringComparison.OrdinalIgnoreCase) && text.Length > 0 && text[^1] is not ('\n' or ' '))
            {
                text.Append(' ');
            }
        }

        AppendText(text, source[position..], quoteDepth);
        return Clean(text.ToString());
    }

    /// <summary>
    /// Text a ticket may hold: line breaks as <c>\n</c> (U+2028/U+2029 too), tabs and no-break spaces as spaces, control,
    /// invisible (format) and non-characters removed, trailing spaces cut, at most one blank line in a row, trimmed.
    /// </summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                i += Math.Max(consumed, 1);
                continue;
            }

            i += consumed;
            switch (rune.Value)
            {
                case '\r' when i < text.Length && text[i] == '\n':
                    continue;
                case '\r' or '\n' or 0x2028 or 0x2029 or 0x85:
                    builder.Append('\n');
                    continue;
                case '\t' or 0xA0 or 0x202F:
                    builder.Append(' ');
                    continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                || rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE)
                continue;
            builder.Append(rune.ToString());
        }

        var lines = builder.ToString().Split('\n').Select(line => line.TrimEnd());
        return BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim('\n', ' ');
    }

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair; trimmed.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text.Trim();
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end].Trim();
    }

    private static void AppendText(StringBuilder text, string raw, int quoteDepth)
    {
        if (raw.Length == 0) return;
        var decoded = Spaces().Replace(WebUtility.HtmlDecode(raw), " ");
        if (decoded.Length == 0 || (decoded == " " && (text.Length == 0 || text[^1] is '\n' or ' '))) return;
        if (text.Length > 0 && text[^1] == '\n' && decoded[0] == ' ') decoded = decoded.TrimStart();
        if (text.Length == 0 || text[^1] == '\n') text.Append(Quote(quoteDepth));
        text.Append(decoded);
    }

    private static void StartLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
    }

    private static string Quote(int depth) => depth == 0 ? "" : string.Concat(Enumerable.Repeat("> ", depth));

    /// <summary>What is never text: comments, scripts, styles, the head, templates.</summary>
    [GeneratedRegex(@"<!--.*?-->|<(script|style|head|title|template|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Dropped();

    [GeneratedRegex(@"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>|<\?[^>]*>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\n\f]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankRuns();
}
