using System.ComponentModel;
using Tickets.Common;

namespace Tickets.Tickets.History;

/// <summary>The two clocks of a ticket's SLA.</summary>
public enum SlaObjective
{
    FirstResponse,
    Resolution,
}

/// <summary><c>sla_started</c>: the policy (id and version) and the due times it gave.</summary>
public sealed record SlaStartedData(string Policy, DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaStarted;
}

/// <summary><c>sla_paused</c>.</summary>
public sealed record SlaPausedData([property: Description("Why the clock stopped: on_hold.")] string Reason) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaPaused;
}

/// <summary><c>sla_resumed</c>: the running targets moved by the paused time.</summary>
public sealed record SlaResumedData(long PausedMinutes) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaResumed;
}

/// <summary><c>sla_met</c>: the objective was reached in time.</summary>
public sealed record SlaMetData(SlaObjective Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaMet;
}

/// <summary><c>sla_warning</c>: the objective reached its warning point.</summary>
public sealed record SlaWarningData(SlaObjective Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaWarning;
}

/// <summary><c>sla_breached</c>: the objective was missed.</summary>
public sealed record SlaBreachedData(SlaObjective Target, DateTimeOffset DueAt) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.SlaBreached;
}

/// <summary><c>escalated</c>: the ticket's escalation level after a breach.</summary>
public sealed record EscalatedData(int Level) : IPayloadOf<TicketEventType>
{
    public static TicketEventType Kind => TicketEventType.Escalated;
}
