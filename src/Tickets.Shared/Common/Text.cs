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
    /// Why <paramref name="value"/> is not acceptable text of its <paramref name="kind"/>, or null when it is. Never: lone
    /// surrogates, Unicode noncharacters, control characters (<see cref="TextKind.Lines"/> keeps line breaks, <c>\n</c> and
    /// <c>\r\n</c>). Text people read (<see cref="TextKind.Line"/>, <see cref="TextKind.Lines"/>) also refuses what changes
    /// how it reads without being seen: bidirectional controls and marks (an override shows <c>invoice \u202Egnp.exe</c>
    /// as "invoice exe.png"), U+2028/U+2029 and every other invisible format character (Unicode category Cf: zero-width
    /// spaces, joiners, the BOM, soft hyphens) — except a zero-width joiner between two emoji and the tags of an emoji
    /// flag, which draw one picture.
    /// </summary>
    public static TextProblem? Problem(string value, TextKind kind = TextKind.Line)
    {
        var read = kind != TextKind.Opaque;
        var afterEmoji = false;
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                return Invalid("Contains an invalid character (a lone UTF-16 surrogate).");
            if (IsNoncharacter(rune))
                return Invalid($"Contains a Unicode noncharacter (U+{rune.Value:X4}).");

            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Control && !IsAllowedBreak(value, i, rune, kind))
                return Invalid($"Contains a control character (U+{rune.Value:X4}).");
            if (read && (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    || (category == UnicodeCategory.Format && !IsPartOfEmoji(value, i + consumed, rune, afterEmoji))))
                return new TextProblem(FieldCodes.InvisibleCharacters, $"Contains an invisible or direction-changing character (U+{rune.Value:X4}).");

            // A variation selector, a joiner or a flag's tag continues the emoji before it.
            afterEmoji = IsEmoji(rune) || (afterEmoji && (rune.Value is 0xFE0F or 0x200D || IsTag(rune)));
            i += consumed;
        }

        return null;
    }

    private static TextProblem Invalid(string message) => new(FieldCodes.InvalidCharacters, message);

    /// <summary>In text of several lines: <c>\n</c>, and <c>\r</c> only as the start of <c>\r\n</c>.</summary>
    private static bool IsAllowedBreak(string value, int index, Rune rune, TextKind kind) =>
        kind == TextKind.Lines && (rune.Value == '\n' || (rune.Value == '\r' && index + 1 < value.Length && value[index + 1] == '\n'));

    /// <summary>A zero-width joiner between two emoji (👩‍💻), or a tag of a subdivision flag (🏴 + tags + cancel tag).</summary>
    private static bool IsPartOfEmoji(string value, int next, Rune rune, bool afterEmoji)
    {
        if (!afterEmoji) return false;
        if (IsTag(rune)) return true;
        return rune.Value == 0x200D && next < value.Length
            && Rune.DecodeFromUtf16(value.AsSpan(next), out var following, out _) == System.Buffers.OperationStatus.Done
            && IsEmoji(following);
    }

    private static bool IsTag(Rune rune) => rune.Value is >= 0xE0020 and <= 0xE007F;

    /// <summary>The pictographic blocks emoji sequences are made of (symbols, pictographs, modifiers, regional indicators).</summary>
    private static bool IsEmoji(Rune rune) => rune.Value is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF
        or >= 0x2300 and <= 0x23FF or >= 0x2B00 and <= 0x2BFF or >= 0x2190 and <= 0x21FF or 0x00A9 or 0x00AE or 0x203C
        or 0x2049 or 0x2122 or 0x2139 or 0x3030 or 0x303D or 0x3297 or 0x3299;

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF, …).</summary>
    private static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>Replaces what normalisation cannot take (lone surrogates, noncharacters) with U+FFFD.</summary>
    private static string Scrub(string value)
    {
        if (!NeedsScrub(value)) return value;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            var status = Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed);
            builder.Append(status != System.Buffers.OperationStatus.Done || IsNoncharacter(rune) ? Rune.ReplacementChar.ToString() : rune.ToString());
            i += Math.Max(consumed, 1);
        }

        return builder.ToString();
    }

    private static bool NeedsScrub(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done || IsNoncharacter(rune))
                return true;
            i += consumed;
        }

        return false;
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

/// <summary>What a piece of text is for, which decides the characters it may hold (<see cref="Text.Problem"/>).</summary>
public enum TextKind
{
    /// <summary>One line people read: a title, a name, a category, a search.</summary>
    Line,

    /// <summary>Paragraphs people read: a description, a comment, a note. Line breaks only.</summary>
    Lines,

    /// <summary>One line nobody reads as such (a password): no control characters, but format characters pass.</summary>
    Opaque,
}

/// <summary>Why a text was refused: a stable <see cref="FieldCodes"/> code and an English message.</summary>
public sealed record TextProblem(string Code, string Message);
