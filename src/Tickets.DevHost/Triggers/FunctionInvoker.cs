using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Tickets.DevHost.Triggers;

/// <summary>Runs a queue or timer function in its own DI scope, as the Functions worker does for every invocation.</summary>
internal delegate Task FunctionInvocation<in TTrigger>(IServiceProvider services, TTrigger trigger, CancellationToken cancellationToken);

internal static class FunctionInvoker
{
    /// <summary>
    /// Checked at start-up: the trigger parameter takes the converted trigger value, a <see cref="CancellationToken"/>
    /// the host's; anything else, or a return type other than void/Task/ValueTask, is a start-up error naming it.
    /// </summary>
    public static FunctionInvocation<TTrigger> Create<TTrigger>(string functionName, MethodInfo method, ParameterInfo trigger, Func<TTrigger, object?> convert)
    {
        var binders = method.GetParameters().Select(parameter => BinderFor(functionName, parameter, trigger, convert)).ToArray();
        var returnType = method.ReturnType;
        if (returnType != typeof(void) && returnType != typeof(Task) && returnType != typeof(ValueTask))
            throw new InvalidOperationException(
                $"Function {functionName} returns {returnType.Name}: the local host runs queue and timer functions that return void, Task or ValueTask.");

        return async (services, value, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, method.DeclaringType!);
            var arguments = binders.Select(bind => bind(value, cancellationToken)).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            switch (returned)
            {
                case Task task:
                    await task;
                    break;
                case ValueTask valueTask:
                    await valueTask;
                    break;
            }
        };
    }

    private static Func<TTrigger, CancellationToken, object?> BinderFor<TTrigger>(
        string functionName, ParameterInfo parameter, ParameterInfo trigger, Func<TTrigger, object?> convert)
    {
        if (parameter.Position == trigger.Position) return (value, _) => convert(value);
        if (parameter.ParameterType == typeof(CancellationToken)) return (_, cancellationToken) => cancellationToken;
        throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function {functionName}: " +
            "besides the trigger it binds only a CancellationToken.");
    }
}
