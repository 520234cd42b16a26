using System.Globalization;
using System.Text.RegularExpressions;

namespace Tickets.Common;

/// <summary>
/// Dates and instants in query strings (<c>createdFrom</c>, <c>from</c>, …): ISO 8601 only, and inside a range far
/// enough from the calendar's ends that a whole day, a default period or an offset added to them cannot overflow.
/// </summary>
public static partial class Instants
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Exclusive.</summary>
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A date (<c>2026-03-02</c>: the whole day, from its start or to its last tick with <paramref name="endOfDay"/>)
    /// or a date-time with an optional offset (UTC when absent); null when absent. Anything else is named in <paramref name="v"/>.
    /// </summary>
    public static DateTimeOffset? Parse(Validator v, string field, string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;

        var text = value.Trim();
        DateTimeOffset? parsed = null;
        if (text.Length <= 40 && IsoShape().IsMatch(text))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                if (day >= DateOnly.FromDateTime(Earliest.UtcDateTime) && day < DateOnly.FromDateTime(Latest.UtcDateTime))
                {
                    var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    parsed = endOfDay ? start.AddDays(1).AddTicks(-1) : start;
                }
            }
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                && instant.UtcDateTime >= Earliest.UtcDateTime && instant.UtcDateTime < Latest.UtcDateTime)
            {
                parsed = instant.ToUniversalTime();
            }
        }

        if (parsed is null)
            v.Add(field, FieldCodes.InvalidDate, $"Must be an ISO 8601 date or date-time from {Earliest:yyyy-MM-dd} to before {Latest:yyyy-MM-dd}, e.g. 2026-03-02 or 2026-03-02T09:30:00Z.");
        return parsed;
    }

    /// <summary>yyyy-MM-dd, optionally followed by a time and an offset; rules out the culture-specific forms TryParse also accepts.</summary>
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoShape();
}
