using System.Globalization;
using Tickets.Common;

namespace Tickets.Notifications;

/// <summary>
/// Who reads a text, as far as its words go: their language (<c>es</c> or <c>en</c>) and time zone. Dates are written
/// in the reader's zone, named after it ("7 dic 2026, 06:13 (Europe/Madrid)"), never as raw UTC.
/// </summary>
public sealed record Reader(string Language, TimeZoneInfo Zone)
{
    private static readonly string[] MonthsEs = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];
    private static readonly string[] MonthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public bool English => Language == "en";

    /// <summary>The reader of a profile: its language and zone, or the organisation's zone when it has none.</summary>
    public static Reader Of(string? language, string? timeZone, string defaultTimeZone) =>
        new(language == "en" ? "en" : "es", TimeZones.FindOr(timeZone, defaultTimeZone));

    /// <summary>Day, month, year and time in the reader's zone: "7 dic 2026, 06:13 (Europe/Madrid)" / "7 Dec 2026, 06:13 (Europe/Madrid)".</summary>
    public string DateTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var month = (English ? MonthsEn : MonthsEs)[local.Month - 1];
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {month} {local.Year}, {local:HH:mm} ({Zone.Id})");
    }

    /// <summary>The day only, in the reader's zone: "14 dic 2026".</summary>
    public string Date(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var month = (English ? MonthsEn : MonthsEs)[local.Month - 1];
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {month} {local.Year}");
    }
}
