using System.Reflection;

namespace Tickets.Functions.Triggers;

/// <summary>A queue-triggered function as declared by its <c>[QueueTrigger]</c>.</summary>
/// <param name="Name">The <c>[Function]</c> name.</param>
/// <param name="Method">The function method.</param>
/// <param name="Trigger">The parameter carrying <c>[QueueTrigger]</c>: the message.</param>
/// <param name="QueueName">The queue polled (a <c>%setting%</c> is resolved by the host).</param>
/// <param name="Connection">The configuration key of the Storage connection, or null for the host's default.</param>
public sealed record QueueFunction(string Name, MethodInfo Method, ParameterInfo Trigger, string QueueName, string? Connection);
