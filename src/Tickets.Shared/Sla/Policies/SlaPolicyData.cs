using Tickets.Tickets;

namespace Tickets.Sla.Policies;

/// <summary>
/// One priority's targets, in minutes (fractions allowed: the settings that seed a policy may be seconds).
/// <see cref="TwentyFourSeven"/> keeps this priority on the clock around the clock even when the policy has a calendar
/// (critical incidents, as support contracts usually say).
/// </summary>
public sealed record PriorityTargets(double FirstResponseMinutes, double ResolutionMinutes)
{
    public bool TwentyFourSeven { get; init; }

    public TimeSpan FirstResponse => Span(FirstResponseMinutes);

    public TimeSpan Resolution => Span(ResolutionMinutes);

    /// <summary>Minutes as a time span, rounded to the tick, so a target of 8 seconds stays exactly 8 seconds.</summary>
    public static TimeSpan Span(double minutes) => TimeSpan.FromTicks((long)Math.Round(minutes * TimeSpan.TicksPerMinute));

    public static double Minutes(TimeSpan span) => (double)span.Ticks / TimeSpan.TicksPerMinute;
}

/// <summary>The targets of each priority.</summary>
public sealed record PolicyTargets(PriorityTargets Critical, PriorityTargets High, PriorityTargets Medium, PriorityTargets Low)
{
    public PriorityTargets For(Priority priority) => priority switch
    {
        Priority.Critical => Critical,
        Priority.High => High,
        Priority.Medium => Medium,
        _ => Low,
    };
}

/// <summary>
/// One version of an SLA policy, as stored and never changed: its targets, the share of a target at which a ticket is at
/// risk, and the calendar they are measured on — <see cref="CalendarId"/> and a copy of that calendar as it was when the
/// version was made (<see cref="Calendar"/>; null: 24×7). A ticket keeps the version it started with.
/// </summary>
public sealed record SlaPolicyVersion(
    string Id, string Name, int Version, PolicyTargets Targets, string? CalendarId, double WarningAt, DateTimeOffset CreatedAt)
{
    public CalendarDefinition? Calendar { get; init; }

    /// <summary>Why the version was made when not by an edit of the policy: <c>calendar_changed</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>How tickets name it: <c>default:v3</c>.</summary>
    public string Ref => SlaPolicyRef.Of(Id, Version);
}

/// <summary>A policy's newest version, whether it is the default, and its entity tag.</summary>
public sealed record StoredSlaPolicy(SlaPolicyVersion Newest, bool IsDefault, string ETag)
{
    public SlaPolicyView ToView() => SlaPolicyView.Of(Newest, IsDefault, ETag);
}

/// <summary>An SLA policy (one version) as the API shows it; <c>etag</c> only on the newest version.</summary>
public sealed record SlaPolicyView(
    string Id, string Name, int Version, PolicyTargets Targets, string? CalendarId, double WarningAt, bool IsDefault, DateTimeOffset UpdatedAt,
    string? Reason, string? Etag)
{
    public static SlaPolicyView Of(SlaPolicyVersion v, bool isDefault, string? etag) =>
        new(v.Id, v.Name, v.Version, v.Targets, v.CalendarId, v.WarningAt, isDefault, v.CreatedAt, v.Reason, etag);
}

/// <summary>A ticket's <c>sla.policy</c>: the policy id and version as one string, <c>default:v1</c>.</summary>
public static class SlaPolicyRef
{
    public static string Of(string id, int version) => $"{id}:v{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? reference, out string id, out int version)
    {
        id = "";
        version = 0;
        var at = reference?.LastIndexOf(":v", StringComparison.Ordinal) ?? -1;
        if (at <= 0) return false;
        id = reference![..at];
        return int.TryParse(reference[(at + 2)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version);
    }
}

/// <summary>The policies as the request path reads them (through a short-lived cache).</summary>
public sealed record SlaPolicyCatalog(IReadOnlyList<StoredSlaPolicy> Policies)
{
    public StoredSlaPolicy? Default => Policies.FirstOrDefault(p => p.IsDefault) ?? Policies.OrderBy(p => p.Newest.Id, StringComparer.Ordinal).FirstOrDefault();
}
