using Tickets.Users;

namespace Tickets.Notifications;

/// <summary>
/// When a notification's e-mail is due for its recipient: at the end of the coalescing window (instant mode) or at the
/// next digest hour in their zone (digest mode), either moved to the end of their quiet hours when it falls inside them.
/// Local times are turned into instants with the zone's rules on that date, so daylight saving moves nothing: a local time
/// skipped by the clocks going forward is moved forward by the gap (02:30 becomes 03:30, 02:00 becomes 03:00), one that
/// happens twice when the clocks go back is its first time.
/// </summary>
public static class EmailTiming
{
    /// <summary>The due time of an e-mail telling what happened at <paramref name="occurredAt"/> to <paramref name="recipient"/>.</summary>
    public static DateTimeOffset DueAt(User recipient, DateTimeOffset occurredAt, TimeSpan window, TimeZoneInfo zone)
    {
        var due = recipient.EffectiveNotificationMode == NotificationMode.Digest
            ? NextDigestAt(occurredAt, recipient.DigestHour, zone)
            : occurredAt + window;
        return recipient.QuietHours is { } quiet ? AfterQuietHours(due, quiet, zone) : due;
    }

    /// <summary>The first instant at or after <paramref name="after"/> when the clock in <paramref name="zone"/> reads <paramref name="hour"/>:00.</summary>
    public static DateTimeOffset NextDigestAt(DateTimeOffset after, int hour, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = 0; ; day++)
        {
            var at = Instant(today.AddDays(day), new TimeOnly(hour, 0), zone);
            if (at >= after) return at;
        }
    }

    /// <summary><paramref name="at"/> itself when it is outside the quiet hours, else the instant they end.</summary>
    public static DateTimeOffset AfterQuietHours(DateTimeOffset at, QuietHours quiet, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (!quiet.Contains(time)) return at;
        var date = DateOnly.FromDateTime(local);
        // Inside a window that wraps midnight, before midnight it ends tomorrow; otherwise it ends today.
        var endDate = quiet.Wraps && time >= quiet.From ? date.AddDays(1) : date;
        var end = Instant(endDate, quiet.To, zone);
        return end > at ? end : at;
    }

    /// <summary>The instant the clock in <paramref name="zone"/> reads <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset Instant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clocks going forward: read with the offset before the change, it lands as far past the gap.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local, before).ToOffset(zone.GetUtcOffset(new DateTimeOffset(local, before)));
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
