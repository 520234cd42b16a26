using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Tickets.Common;

/// <summary>
/// Collects every problem with an input before anything is stored, so a 400 names all bad fields at once.
/// </summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<(string Code, string Message)>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>Records a problem with <paramref name="field"/>: a stable <paramref name="code"/> (<see cref="FieldCodes"/>) and its English message.</summary>
    public Validator Add(string field, string code, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add((code, message));
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>False when there is nothing to check further (absent); records "Required." if it had to be there.</summary>
    private bool Present(string field, [NotNullWhen(true)] object? value, bool required)
    {
        if (value is not null) return true;
        if (required) Add(field, FieldCodes.Required, "Required.");
        return false;
    }

    /// <summary>
    /// Text, trimmed, with a length range, made only of characters a person can type and see (see <see cref="Common.Text.Problem"/>);
    /// line breaks only where <paramref name="multiline"/>.
    /// </summary>
    public Validator Text(string field, string? value, int min, int max, bool required = true, bool multiline = false)
    {
        if (!Present(field, value, required)) return this;

        var length = value.Trim().Length;
        if (length < min || length > max)
            Add(field, length == 0 ? FieldCodes.Required : length < min ? FieldCodes.TooShort : FieldCodes.TooLong,
                min == max ? $"Must be {min} characters." : $"Must be between {min} and {max} characters.");
        return Characters(field, value, multiline);
    }

    /// <summary>Only characters a person can type and see: see <see cref="Common.Text.Problem"/>.</summary>
    public Validator Characters(string field, string? value, bool multiline = false) =>
        Characters(field, value, multiline ? TextKind.Lines : TextKind.Line);

    /// <summary>Only characters <paramref name="kind"/> may hold: see <see cref="Common.Text.Problem"/>.</summary>
    public Validator Characters(string field, string? value, TextKind kind)
    {
        if (value is not null && Common.Text.Problem(value, kind) is { } problem) Add(field, problem.Code, problem.Message);
        return this;
    }

    public Validator Email(string field, string? value, bool required = true)
    {
        if (!Present(field, value, required)) return this;

        var trimmed = value.Trim();
        if (trimmed.Length > 254 || !EmailPattern().IsMatch(trimmed) || Common.Text.Problem(trimmed) is not null)
            Add(field, FieldCodes.InvalidEmail, "Must be a valid e-mail address.");
        return this;
    }

    public Validator Dni(string field, string? value, bool required = true)
    {
        if (!Present(field, value, required)) return this;

        switch (NationalId.Check(value))
        {
            case NationalId.Problem.Shape:
                Add(field, FieldCodes.InvalidDni, "Must be a DNI (12345678Z), a NIE (X1234567L) or 5 to 15 digits.");
                break;
            case NationalId.Problem.Letter:
                Add(field, FieldCodes.DniLetter, "The letter does not match the number.");
                break;
        }

        return this;
    }

    public Validator Phone(string field, string? value, bool required = true)
    {
        if (!Present(field, value, required)) return this;

        var trimmed = value.Trim();
        if (trimmed.Length is < 7 or > 20 || !PhonePattern().IsMatch(trimmed) || !trimmed.Any(char.IsAsciiDigit))
            Add(field, FieldCodes.InvalidPhone, "Must be 7 to 20 characters: digits, spaces and + - ( ).");
        return this;
    }

    public Validator Password(string field, string? value)
    {
        if (value is null) return Add(field, FieldCodes.Required, "Required.");
        if (value.Length is < 10 or > 128)
            Add(field, value.Length < 10 ? FieldCodes.TooShort : FieldCodes.TooLong, "Must be between 10 and 128 characters.");
        return Characters(field, value, TextKind.Opaque);
    }

    public Validator Defined<TEnum>(string field, TEnum? value, bool required = true)
        where TEnum : struct, Enum
    {
        if (!Present(field, value, required) || value is not { } defined) return this;

        if (!Enum.IsDefined(defined))
            Add(field, FieldCodes.NotAllowed, $"Must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Json.EnumName))}.");
        return this;
    }

    public Error? ToError() => IsValid ? null : Error.Validation(ToDictionary(), Codes());

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>Field name → the codes of its problems, in the order of <see cref="ToDictionary"/>'s messages.</summary>
    public IReadOnlyDictionary<string, string[]> Codes() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(e => e.Code).ToArray(), StringComparer.Ordinal);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9 +\-()]+$")]
    private static partial Regex PhonePattern();
}
