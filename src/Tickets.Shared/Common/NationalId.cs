namespace Tickets.Common;

/// <summary>
/// The Spanish identity numbers an account carries in <c>dni</c>: a DNI (<c>12345678Z</c>), a NIE (<c>X1234567L</c>, whose
/// X/Y/Z stands for 0/1/2 before the DNI rule), or, as accounts made before letters were accepted have, 5 to 15 digits.
/// A letter is checked: it is <c>TRWAGMYFPDXBNJZSQVHLCKE</c>[number mod 23]. Spaces, hyphens and dots are ignored and
/// letters are upper-cased, so <c>x-1234567-l</c> is stored, compared and kept unique as <c>X1234567L</c>. The web
/// applies the same rule (<c>web/src/lib/nationalId.ts</c>).
/// </summary>
public static class NationalId
{
    public const string Letters = "TRWAGMYFPDXBNJZSQVHLCKE";

    /// <summary>What is wrong with an id, if anything.</summary>
    public enum Problem
    {
        None,

        /// <summary>Neither a DNI, a NIE nor 5 to 15 digits.</summary>
        Shape,

        /// <summary>A DNI or NIE whose control letter does not match its number.</summary>
        Letter,
    }

    /// <summary>Upper case, without spaces, hyphens and dots: the form that is stored and compared.</summary>
    public static string Normalize(string value) =>
        string.Concat(value.Where(c => c is not (' ' or '-' or '.')).Select(char.ToUpperInvariant));

    /// <summary>Checks <paramref name="value"/> (as typed, before <see cref="Normalize"/>).</summary>
    public static Problem Check(string value)
    {
        var id = Normalize(value);
        if (id.Length is >= 5 and <= 15 && id.All(char.IsAsciiDigit)) return Problem.None;
        if (id.Length != 9 || !char.IsAsciiLetterUpper(id[8])) return Problem.Shape;

        var number = id[..8];
        if (number[0] is 'X' or 'Y' or 'Z') number = (char)('0' + (number[0] - 'X')) + number[1..];
        if (!number.All(char.IsAsciiDigit)) return Problem.Shape;
        return Letters[int.Parse(number, System.Globalization.CultureInfo.InvariantCulture) % 23] == id[8] ? Problem.None : Problem.Letter;
    }
}
