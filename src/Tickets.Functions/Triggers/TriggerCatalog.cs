using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Tickets.Functions.Triggers;

/// <summary>
/// The queue- and timer-triggered functions of an assembly (or of some types), read from their attributes: the
/// local host runs them from here, and a test pins this catalog to the build's <c>functions.metadata</c>.
/// </summary>
public sealed class TriggerCatalog
{
    private static readonly Lazy<TriggerCatalog> OfThisApp = new(() => From(typeof(TriggerCatalog).Assembly));

    private TriggerCatalog(IReadOnlyList<QueueFunction> queues, IReadOnlyList<TimerFunction> timers)
    {
        Queues = queues;
        Timers = timers;
    }

    /// <summary>The non-HTTP functions of Tickets.Functions.</summary>
    public static TriggerCatalog Functions => OfThisApp.Value;

    public IReadOnlyList<QueueFunction> Queues { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public static TriggerCatalog From(Assembly assembly) => From(assembly.GetTypes());

    public static TriggerCatalog From(params IEnumerable<Type> types)
    {
        var methods = (
            from type in types
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            where function is not null
            select (function.Name, Method: method)).ToList();

        var queues =
            from m in methods
            from parameter in m.Method.GetParameters()
            let trigger = parameter.GetCustomAttribute<QueueTriggerAttribute>()
            where trigger is not null
            select new QueueFunction(m.Name, m.Method, parameter, trigger.QueueName, trigger.Connection);

        var timers =
            from m in methods
            from parameter in m.Method.GetParameters()
            let trigger = parameter.GetCustomAttribute<TimerTriggerAttribute>()
            where trigger is not null
            select new TimerFunction(m.Name, m.Method, parameter, trigger.Schedule, trigger.RunOnStartup);

        return new TriggerCatalog(
            [.. queues.OrderBy(f => f.Name, StringComparer.Ordinal)],
            [.. timers.OrderBy(f => f.Name, StringComparer.Ordinal)]);
    }
}
