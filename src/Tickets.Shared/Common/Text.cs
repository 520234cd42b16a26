using System.Globalization;
using System.Text;

namespace Tickets.Common;

public static class Text
{
    /// <summary>Lower case without diacritics, so "Impresión" and "IMPRESION" match. Never throws, whatever the input.</summary>
    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        var decomposed = Normalize(Scrub(value), NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(char.ToLowerInvariant(c));
        }

        return Normalize(builder.ToString(), NormalizationForm.FormC);
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Trims and collapses inner runs of white space (names, departments).</summary>
    public static string Clean(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Why <paramref name="value"/> is not acceptable text, or null when it is: no lone surrogates, no Unicode
    /// noncharacters, no control characters (tab and line breaks only where <paramref name="multiline"/>). Such
    /// characters cannot be typed, break normalisation and search, and hide things from readers.
    /// </summary>
    public static string? Problem(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                return "Contains an invalid character (a lone UTF-16 surrogate).";
            if (IsNoncharacter(rune))
                return $"Contains a Unicode noncharacter (U+{rune.Value:X4}).";
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control && !(multiline && rune.Value is '\t' or '\n' or '\r'))
                return $"Contains a control character (U+{rune.Value:X4}).";
            i += consumed;
        }

        return null;
    }

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …).</summary>
    private static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>Replaces what normalisation cannot take (lone surrogates, noncharacters) with U+FFFD.</summary>
    private static string Scrub(string value)
    {
        if (Problem(value, multiline: true) is null) return value;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            var status = Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed);
            builder.Append(status != System.Buffers.OperationStatus.Done || IsNoncharacter(rune) ? Rune.ReplacementChar.ToString() : rune.ToString());
            i += Math.Max(consumed, 1);
        }

        return builder.ToString();
    }

    private static string Normalize(string value, NormalizationForm form)
    {
        try
        {
            return value.Normalize(form);
        }
        catch (ArgumentException)
        {
            // Code points the platform's normaliser refuses (it varies with the ICU version): search folds without it.
            return value;
        }
    }
}
