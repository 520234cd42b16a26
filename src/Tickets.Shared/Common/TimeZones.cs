namespace Tickets.Common;

/// <summary>IANA time zones (<c>Europe/Madrid</c>), the only ids a profile accepts: the same on every host and in browsers.</summary>
public static class TimeZones
{
    /// <summary>The zone for an IANA id the system knows; Windows ids and unknown names are not accepted.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;

    public static bool IsKnown(string? id) => Find(id) is not null;

    /// <summary>The zone of <paramref name="id"/>, else of <paramref name="fallbackId"/>, else UTC.</summary>
    public static TimeZoneInfo FindOr(string? id, string? fallbackId) => Find(id) ?? Find(fallbackId) ?? TimeZoneInfo.Utc;
}
