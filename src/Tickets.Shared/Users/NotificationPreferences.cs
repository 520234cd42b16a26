using System.Globalization;

namespace Tickets.Users;

/// <summary>How a person's notification e-mail goes out: one per ticket as it happens, or one digest a day (staff only).</summary>
public enum NotificationMode
{
    Instant,
    Digest,
}

/// <summary>
/// A daily window, in the person's own zone, in which no notification e-mail is sent; what comes due inside goes out
/// at its end. <see cref="From"/> after <see cref="To"/> wraps midnight (22:00–07:00). Never empty: the two differ.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    /// <summary>How the API and the stores write a time of day.</summary>
    public const string Format = "HH:mm";

    public bool Wraps => From > To;

    /// <summary>Whether the local time of day falls inside (the start counts, the end does not).</summary>
    public bool Contains(TimeOnly local) => Wraps ? local >= From || local < To : local >= From && local < To;

    public QuietHoursView ToView() => new(Write(From), Write(To));

    public static string Write(TimeOnly time) => time.ToString(Format, CultureInfo.InvariantCulture);

    public static TimeOnly? Parse(string? text) =>
        TimeOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>From what a store kept (both or neither).</summary>
    public static QuietHours? Read(string? from, string? to) =>
        Parse(from) is { } f && Parse(to) is { } t && f != t ? new QuietHours(f, t) : null;
}

/// <summary>Quiet hours as the API shows and takes them: <c>{"from": "22:00", "to": "07:00"}</c>, local times of day.</summary>
public sealed record QuietHoursView(string? From, string? To);
