using Microsoft.Extensions.Options;
using Tickets.Sla.Policies;
using Tickets.Tickets;

namespace Tickets.Sla;

/// <summary>
/// Applies one version of an SLA policy: the targets of a priority, measured on the version's calendar (or 24×7), give a
/// ticket its due times and warning points; pauses move them by the counted time that passed while paused; and
/// <see cref="Evaluate"/> says where a ticket stands now. A version never changes, so neither does this object: a ticket
/// is measured with the version it started with (<see cref="SlaState.Policy"/>) until an admin re-plans it.
/// </summary>
public sealed class SlaPolicy
{
    private readonly SlaPolicyVersion _version;
    private readonly BusinessCalendar? _calendar;

    /// <summary>The policy the <c>Tickets:Sla</c> settings describe: what seeds an empty store, and what runs before it is seeded.</summary>
    public SlaPolicy(IOptions<SlaOptions> options)
    {
        var settings = options.Value;
        var problems = settings.Problems();
        if (problems.Count > 0) throw new OptionsValidationException(SlaOptions.Section, typeof(SlaOptions), problems);
        var seed = SlaSeed.From(settings, DateTimeOffset.UnixEpoch);
        _version = seed.Policy;
        _calendar = seed.Policy.Calendar?.ToClock();
        RaisePriorityOnBreach = settings.RaisePriorityOnBreach;
    }

    /// <summary>A stored version.</summary>
    public SlaPolicy(SlaPolicyVersion version, bool raisePriorityOnBreach)
    {
        _version = version;
        _calendar = version.Calendar?.ToClock();
        RaisePriorityOnBreach = raisePriorityOnBreach;
    }

    /// <summary>Policy id and version, copied onto the ticket, e.g. <c>default:v1</c>.</summary>
    public string Name => _version.Ref;

    public string Id => _version.Id;

    /// <summary>The policy's name as admins gave it (<c>Estándar</c>).</summary>
    public string DisplayName => _version.Name;

    public int Version => _version.Version;

    public SlaPolicyVersion Stored => _version;

    /// <summary>The share of a target after which a ticket is at risk.</summary>
    public double WarningAt => _version.WarningAt;

    /// <summary>Whether a breach raises the ticket's priority one step (<c>Tickets:Sla:RaisePriorityOnBreach</c>).</summary>
    public bool RaisePriorityOnBreach { get; }

    public SlaTarget TargetFor(Priority priority)
    {
        var targets = _version.Targets.For(priority);
        return new SlaTarget { FirstResponse = targets.FirstResponse, Resolution = targets.Resolution, Calendar = ClockFor(priority).Name };
    }

    public ISlaClock ClockFor(Priority priority) =>
        _calendar is not null && !_version.Targets.For(priority).TwentyFourSeven ? _calendar : TwentyFourSeven.Instance;

    /// <summary>The clock a ticket's <see cref="SlaState.Calendar"/> names: this version's calendar, else 24×7.</summary>
    public ISlaClock Clock(string? calendar) =>
        _calendar is not null && string.Equals(calendar, _calendar.Name, StringComparison.OrdinalIgnoreCase) ? _calendar : TwentyFourSeven.Instance;

    public SlaState Start(Priority priority, DateTimeOffset createdAt) => Schedule(
        new SlaState { Policy = Name, FirstResponseDueAt = createdAt, ResolutionDueAt = createdAt },
        priority, createdAt, firstResponseRunning: true, resolutionRunning: true);

    /// <summary>
    /// Applies the current policy for <paramref name="priority"/> to the targets still running: each is measured from its
    /// start (creation; for resolution, the last reopening) in the priority's calendar, plus the counted time of every
    /// pause that began before the point was reached. Targets already met or breached keep their times.
    /// </summary>
    public SlaState Schedule(SlaState sla, Priority priority, DateTimeOffset createdAt, bool firstResponseRunning, bool resolutionRunning)
    {
        var clock = ClockFor(priority);
        var target = TargetFor(priority);
        var next = sla with { Policy = Name, Calendar = clock.Name, Generation = sla.Generation + 1 };
        if (firstResponseRunning)
        {
            next = next with
            {
                FirstResponseDueAt = PointAfter(clock, createdAt, target.FirstResponse, sla.Pauses),
                FirstResponseWarningAt = PointAfter(clock, createdAt, target.FirstResponse * WarningAt, sla.Pauses),
            };
        }

        if (resolutionRunning)
        {
            var start = sla.ResolutionRestartedAt ?? createdAt;
            next = next with
            {
                ResolutionDueAt = PointAfter(clock, start, target.Resolution, sla.Pauses),
                ResolutionWarningAt = PointAfter(clock, start, target.Resolution * WarningAt, sla.Pauses),
            };
        }

        return next;
    }

    /// <summary>
    /// Ends the pause at <paramref name="now"/>: every point of a running target not yet reached when the pause began moves
    /// by the time the pause counted on the ticket's calendar (business time: a night on hold moves nothing).
    /// </summary>
    public SlaState Resume(SlaState sla, DateTimeOffset now, bool firstResponseRunning)
    {
        if (sla.PausedAt is not { } pausedAt) return sla;
        var clock = Clock(sla.Calendar);
        var paused = clock.Between(pausedAt, now);
        DateTimeOffset Moved(DateTimeOffset point) => point > pausedAt ? clock.Add(point, paused) : point;
        DateTimeOffset? MovedOrNull(DateTimeOffset? point) => point is { } p ? Moved(p) : null;

        var next = sla with
        {
            PausedAt = null,
            Pauses = sla.Pauses.Append(new SlaPauseSpan(pausedAt, now)),
            Generation = sla.Generation + 1,
            ResolutionDueAt = Moved(sla.ResolutionDueAt),
            ResolutionWarningAt = MovedOrNull(sla.ResolutionWarningAt),
        };
        return firstResponseRunning
            ? next with { FirstResponseDueAt = Moved(sla.FirstResponseDueAt), FirstResponseWarningAt = MovedOrNull(sla.FirstResponseWarningAt) }
            : next;
    }

    /// <summary>Where the ticket's SLA stands at <paramref name="now"/>, with the counted minutes left on its calendar.</summary>
    public SlaStatus Evaluate(Ticket ticket, DateTimeOffset now)
    {
        var standing = SlaStanding.Of(ticket);
        long? remaining = null;
        if (ticket.IsWorkOpen)
        {
            // While paused the clock stands at the pause.
            var clockAt = ticket.Sla.PausedAt ?? now;
            remaining = (long)Math.Floor(Clock(ticket.Sla.Calendar).Between(clockAt, standing.DueAt).TotalMinutes);
        }

        return new SlaStatus(standing.ConditionAt(now), standing.Target, standing.DueAt, standing.WarningAt, remaining);
    }

    /// <summary>
    /// The instant <paramref name="budget"/> of running time after <paramref name="start"/>: a pause that began before the
    /// point was reached pushes it on by the pause's counted length; a later pause does not.
    /// </summary>
    private static DateTimeOffset PointAfter(ISlaClock clock, DateTimeOffset start, TimeSpan budget, IEnumerable<SlaPauseSpan> pauses)
    {
        var point = clock.Add(start, budget);
        foreach (var pause in pauses.Where(p => p.From >= start).OrderBy(p => p.From))
        {
            if (pause.From >= point) break;
            point = clock.Add(point, clock.Between(pause.From, pause.To));
        }

        return point;
    }
}
