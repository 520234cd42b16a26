using Azure.Storage.Queues.Models;
using Tickets.Functions.Triggers;

namespace Tickets.DevHost.Triggers;

/// <summary>What a <c>[QueueTrigger]</c> parameter may be in the local host: the message itself, or its (decoded) body.</summary>
internal static class QueueMessageBinding
{
    public static Func<QueueMessage, object?> For(QueueFunction function)
    {
        var type = function.Trigger.ParameterType;
        if (type == typeof(QueueMessage)) return message => message;
        if (type == typeof(string)) return message => message.Body.ToString();
        if (type == typeof(BinaryData)) return message => message.Body;
        throw new InvalidOperationException(
            $"The local host cannot bind queue trigger parameter '{function.Trigger.Name}' ({type.Name}) of function {function.Name}: " +
            "use QueueMessage, string or BinaryData.");
    }
}
