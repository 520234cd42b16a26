using System.Text;
using Tickets.Common;

namespace Tickets.Sla.Policies;

/// <summary>
/// Holidays from an iCalendar (<c>.ics</c>, RFC 5545) body, as public-holiday calendars publish them: each <c>VEVENT</c>'s
/// <c>DTSTART</c> date (<c>DTSTART;VALUE=DATE:20261225</c>; a date-time gives its date) and <c>SUMMARY</c>; an
/// <c>RRULE</c> with <c>FREQ=YEARLY</c> makes it yearly. Other properties and components are ignored.
/// </summary>
public static class ICalendarHolidays
{
    public const int MaxBytes = 512 * 1024;

    public static Result<IReadOnlyList<HolidayRequest>> Parse(string text)
    {
        if (!text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            return Error.Field("body", FieldCodes.Invalid, "Must be an iCalendar (text/calendar) starting with BEGIN:VCALENDAR.");

        var holidays = new List<HolidayRequest>();
        string? date = null, summary = null;
        var yearly = false;
        var inEvent = false;
        var number = 0;
        foreach (var line in Unfold(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var name = line[..colon].Split(';')[0].Trim().ToUpperInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (name)
            {
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    (inEvent, date, summary, yearly) = (true, null, null, false);
                    number++;
                    break;
                case "END" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && inEvent:
                    inEvent = false;
                    if (date is null) return Error.Field($"events[{number - 1}].dtstart", FieldCodes.InvalidDate, "Each VEVENT needs a DTSTART date (yyyyMMdd).");
                    holidays.Add(new HolidayRequest { Date = date, Name = string.IsNullOrWhiteSpace(summary) ? date : summary, Yearly = yearly });
                    break;
                case "DTSTART" when inEvent:
                    date = value.Length >= 8 && value[..8].All(char.IsAsciiDigit) ? $"{value[..4]}-{value[4..6]}-{value[6..8]}" : null;
                    break;
                case "SUMMARY" when inEvent:
                    summary = Unescape(value);
                    if (summary.Length > 100) summary = summary[..100];
                    break;
                case "RRULE" when inEvent:
                    yearly = value.Split(';').Any(part => part.Trim().Equals("FREQ=YEARLY", StringComparison.OrdinalIgnoreCase));
                    break;
            }
        }

        return holidays.Count == 0
            ? Error.Field("body", FieldCodes.Required, "The iCalendar has no VEVENT with a DTSTART date.")
            : holidays;
    }

    /// <summary>Lines with the folded continuations (a line starting with a space or tab) joined back.</summary>
    private static IEnumerable<string> Unfold(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw.AsSpan(1));
                continue;
            }

            if (current.Length > 0) yield return current.ToString();
            current.Clear().Append(raw);
        }

        if (current.Length > 0) yield return current.ToString();
    }

    private static string Unescape(string value) => value
        .Replace("\\n", " ", StringComparison.OrdinalIgnoreCase).Replace("\\,", ",", StringComparison.Ordinal)
        .Replace("\\;", ";", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal).Trim();
}
