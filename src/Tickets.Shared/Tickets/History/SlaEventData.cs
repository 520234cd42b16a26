using Tickets.Sla;
using System.ComponentModel;
using Tickets.Common;

namespace Tickets.Tickets.History;

/// <summary><c>sla_started</c>: the policy (id and version) and the due times it gave.</summary>
public sealed record SlaStartedData(
    string Policy,
    [property: Description("Absent when only the resolution clock restarts (a reopened ticket).")] DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset ResolutionDueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaStarted;

    [Description("24x7 or business.")]
    public string? Calendar { get; init; }

    public DateTimeOffset? FirstResponseWarningAt { get; init; }

    public DateTimeOffset? ResolutionWarningAt { get; init; }

    [Description("Why the clock (re)started, when not at creation: reopened.")]
    public string? Reason { get; init; }

    [Description("The one target that restarted, when not both.")]
    public SlaTargetKind? Target { get; init; }
}

/// <summary><c>sla_paused</c>.</summary>
public sealed record SlaPausedData([property: Description("Why the clock stopped: on_hold.")] string Reason) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaPaused;
}

/// <summary><c>sla_resumed</c>: the running targets moved by the paused time.</summary>
public sealed record SlaResumedData(
    [property: Description("Counted minutes on hold (business minutes on a business calendar).")] long PausedMinutes) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaResumed;

    public DateTimeOffset? FirstResponseDueAt { get; init; }

    public DateTimeOffset? ResolutionDueAt { get; init; }
}

/// <summary><c>sla_met</c>: the objective was reached in time.</summary>
public sealed record SlaMetData(SlaTargetKind Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaMet;
}

/// <summary><c>sla_warning</c>: the objective reached its warning point.</summary>
public sealed record SlaWarningData(SlaTargetKind Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaWarning;

    public DateTimeOffset? WarningAt { get; init; }
}

/// <summary><c>sla_breached</c>: the objective was missed.</summary>
public sealed record SlaBreachedData(SlaTargetKind Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaBreached;
}

/// <summary><c>escalated</c>: the ticket's escalation level after a breach.</summary>
public sealed record EscalatedData(int Level) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Escalated;

    [Description("The target whose breach raised the level.")]
    public SlaTargetKind? Target { get; init; }
}

/// <summary><c>sla_replanned</c>: an admin re-planned the running clock on the policy's newest version (the new due times).</summary>
public sealed record SlaReplannedData(
    [property: Description("The policy's id.")] string Policy,
    int FromVersion,
    int ToVersion,
    [property: Description("Absent when the first response is no longer running (answered or breached).")] DateTimeOffset? FirstResponseDueAt,
    [property: Description("Absent when resolution is no longer running (breached).")] DateTimeOffset? ResolutionDueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaReplanned;

    [Description("The calendar the running targets now count on: 24x7 or a calendar's id.")]
    public string? Calendar { get; init; }
}
