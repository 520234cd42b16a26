using System.Text;

namespace Tickets.Tickets.Export;

/// <summary>
/// CSV as RFC 4180 writes it (fields with a comma, quote, CR or LF in quotes, quotes doubled, CRLF after each record),
/// made safe for spreadsheets: a cell a spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a CR) gets a leading <c>'</c>, so a ticket's title can never run as a formula on an agent's machine.
/// </summary>
public static class TicketCsv
{
    /// <summary>The byte order mark that tells spreadsheets the file is UTF-8 (written once, before the header).</summary>
    public const char ByteOrderMark = '\uFEFF';

    public const string LineEnd = "\r\n";

    /// <summary>Appends one record: the cells, each neutralised and quoted as needed, then CRLF.</summary>
    public static StringBuilder AppendRecord(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            AppendCell(text, cells[i]);
        }

        return text.Append(LineEnd);
    }

    /// <summary>One cell as it is written: neutralised, then quoted if it must be.</summary>
    public static string Cell(string? value) => AppendCell(new StringBuilder(), value).ToString();

    /// <summary>Whether a spreadsheet would take <paramref name="value"/> as a formula (or a formula after a control character).</summary>
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static StringBuilder AppendCell(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value)) return text;
        var neutralised = LooksLikeFormula(value) ? "'" + value : value;
        if (neutralised.AsSpan().IndexOfAny(MustQuote) < 0) return text.Append(neutralised);
        return text.Append('"').Append(neutralised.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static readonly System.Buffers.SearchValues<char> MustQuote = System.Buffers.SearchValues.Create(",\"\r\n");
}
