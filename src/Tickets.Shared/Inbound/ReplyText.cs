using System.Text.RegularExpressions;
using Tickets.Notifications;

namespace Tickets.Inbound;

/// <summary>
/// What a person wrote in a reply, without what their mail client added: the text is cut at the first line that starts
/// the earlier message — our reply marker, an attribution ("On … wrote:", "El … escribió:", also split over two lines),
/// an "Original Message" separator, or an Outlook header block ("From:/De:" then "Sent:/Enviado:") — then a trailing
/// quoted block ("&gt; …") and a signature after "-- " are dropped. Everything above stays as written.
/// </summary>
public static partial class ReplyText
{
    public static string Clean(string text)
    {
        var lines = MailText.Clean(text).Split('\n').ToList();
        var cut = FirstCut(lines);
        if (cut >= 0) lines.RemoveRange(cut, lines.Count - cut);

        // A trailing quoted block (bottom of a top-posted reply) and the blank lines around it.
        var end = lines.Count;
        while (end > 0 && (lines[end - 1].Length == 0 || lines[end - 1].StartsWith('>'))) end--;
        lines.RemoveRange(end, lines.Count - end);

        var signature = lines.FindLastIndex(line => line is "--" or "-- ");
        if (signature >= 0) lines.RemoveRange(signature, lines.Count - signature);
        return string.Join('\n', lines).Trim('\n', ' ');
    }

    private static int FirstCut(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimStart('>', ' ');
            if (NotificationText.ReplyMarkers.Any(marker => line.Contains(marker, StringComparison.Ordinal))) return AttributionBefore(lines, i);
            if (Attribution().IsMatch(line) || OriginalMessage().IsMatch(line)) return i;
            // Gmail wraps a long attribution: "On Mon, 7 Dec 2026 at 10:00, Soporte <" / "soporte@example.org> wrote:".
            if (AttributionStart().IsMatch(line) && i + 1 < lines.Count && AttributionEnd().IsMatch(lines[i + 1])) return i;
            if (HeaderFrom().IsMatch(line) && HeaderBlockFollows(lines, i)) return SeparatorBefore(lines, i);
        }

        return -1;
    }

    /// <summary>The quoted marker's attribution line, when the client wrote one just above the quote.</summary>
    private static int AttributionBefore(List<string> lines, int marker)
    {
        var previous = marker - 1;
        while (previous >= 0 && lines[previous].TrimStart('>', ' ').Length == 0) previous--;
        return previous >= 0 && (AttributionEnd().IsMatch(lines[previous]) || Attribution().IsMatch(lines[previous])) ? PreviousStart(lines, previous) : marker;
    }

    private static int PreviousStart(List<string> lines, int attribution) =>
        attribution > 0 && AttributionStart().IsMatch(lines[attribution - 1]) && !AttributionEnd().IsMatch(lines[attribution - 1]) ? attribution - 1 : attribution;

    private static bool HeaderBlockFollows(List<string> lines, int from)
    {
        for (var i = from + 1; i < Math.Min(lines.Count, from + 4); i++)
        {
            if (HeaderSent().IsMatch(lines[i].TrimStart('>', ' '))) return true;
        }

        return false;
    }

    /// <summary>Outlook draws a rule of underscores above the header block: cut there.</summary>
    private static int SeparatorBefore(List<string> lines, int header)
    {
        var previous = header - 1;
        while (previous >= 0 && lines[previous].Length == 0) previous--;
        return previous >= 0 && Rule().IsMatch(lines[previous]) ? previous : header;
    }

    [GeneratedRegex(@"^(On|El)\s.{4,}\s(wrote|escribió)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|El)\s.*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(wrote|escribió)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AttributionEnd();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Mensaje original|Forwarded message|Mensaje reenviado)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\*?(From|De)\s?:\*?\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Enviado|Date|Fecha)\s?:\*?\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"^_{10,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Rule();
}
