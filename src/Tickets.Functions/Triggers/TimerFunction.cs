using System.Reflection;

namespace Tickets.Functions.Triggers;

/// <summary>A timer-triggered function as declared by its <c>[TimerTrigger]</c>.</summary>
/// <param name="Name">The <c>[Function]</c> name.</param>
/// <param name="Method">The function method.</param>
/// <param name="Trigger">The parameter carrying <c>[TimerTrigger]</c>: the <c>TimerInfo</c>.</param>
/// <param name="Schedule">The NCRONTAB expression, or a <c>%setting%</c> naming one.</param>
/// <param name="RunOnStartup">Run once as soon as the host starts, besides the schedule.</param>
public sealed record TimerFunction(string Name, MethodInfo Method, ParameterInfo Trigger, string Schedule, bool RunOnStartup);
