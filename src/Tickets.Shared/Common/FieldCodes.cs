namespace Tickets.Common;

/// <summary>
/// The stable codes of field errors (<c>errorCodes</c> in a problem). Clients word them in their own language; the
/// English message beside each is for people reading the raw answer. A conflict about a field (a taken e-mail) uses
/// the conflict's code instead (<c>duplicate_email</c>, <c>duplicate_dni</c>).
/// </summary>
public static class FieldCodes
{
    /// <summary>Absent or empty.</summary>
    public const string Required = "required";

    /// <summary>A status move that needs a note the requester reads, asked with an internal note (send it as a public reply).</summary>
    public const string PublicNoteRequired = "public_note_required";

    /// <summary>Shorter than the minimum length.</summary>
    public const string TooShort = "too_short";

    /// <summary>Longer than the maximum length.</summary>
    public const string TooLong = "too_long";

    /// <summary>Contains characters nobody can type (control characters, noncharacters, lone surrogates).</summary>
    public const string InvalidCharacters = "invalid_characters";

    /// <summary>
    /// Contains characters that change how text reads without being seen (bidirectional controls, zero-width and other
    /// format characters, line and paragraph separators) in text people read.
    /// </summary>
    public const string InvisibleCharacters = "invisible_characters";

    public const string InvalidEmail = "invalid_email";

    /// <summary>Neither a DNI, a NIE nor 5 to 15 digits.</summary>
    public const string InvalidDni = "invalid_dni";

    /// <summary>A DNI or NIE whose control letter does not match its number.</summary>
    public const string DniLetter = "dni_letter";

    public const string InvalidPhone = "invalid_phone";

    /// <summary>Not one of the values the field takes (a priority, a status, a configured category, a sort).</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>More items than the field takes (files on one ticket or comment).</summary>
    public const string TooMany = "too_many";

    /// <summary>Not <c>true</c> or <c>false</c>.</summary>
    public const string NotBoolean = "not_boolean";

    /// <summary>A number outside its range (a page size).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>Not an ISO 8601 date or date-time in the accepted years.</summary>
    public const string InvalidDate = "invalid_date";

    /// <summary>A range whose start is after its end, or that spans more than allowed.</summary>
    public const string InvalidRange = "invalid_range";

    /// <summary>A paging cursor this list did not hand out (or for another sort).</summary>
    public const string InvalidCursor = "invalid_cursor";

    /// <summary>An assignee that is not an active technician or admin.</summary>
    public const string NotStaff = "not_staff";

    /// <summary>The current password given to change it is not the account's.</summary>
    public const string WrongPassword = "wrong_password";

    /// <summary>A body that is not JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>A JSON member of the wrong type or format.</summary>
    public const string InvalidType = "invalid_type";

    /// <summary>Any other problem (a check that has no code of its own yet).</summary>
    public const string Invalid = "invalid";
}
