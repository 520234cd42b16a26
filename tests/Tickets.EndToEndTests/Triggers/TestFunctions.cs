using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Triggers;

// Queue and timer functions shaped like the product's, for testing the local host's trigger runner on its own.

public sealed class EchoFunction(InvocationLog log)
{
    public const string Queue = "echo";

    [Function("Echo")]
    public Task Run([QueueTrigger(Queue, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        log.Add("Echo", message.Body.ToString(), message.DequeueCount);
        return Task.CompletedTask;
    }
}

public sealed class TextFunction(InvocationLog log)
{
    public const string Queue = "texts";

    [Function("Text")]
    public void Run([QueueTrigger(Queue, Connection = QueueNames.Connection)] string body) => log.Add("Text", body);
}

public sealed class BytesFunction(InvocationLog log)
{
    public const string Queue = "bytes";

    [Function("Bytes")]
    public ValueTask Run([QueueTrigger(Queue, Connection = QueueNames.Connection)] BinaryData body, CancellationToken cancellationToken)
    {
        log.Add("Bytes", Convert.ToHexString(body.ToArray()));
        return ValueTask.CompletedTask;
    }
}

public sealed class AlwaysFailingFunction(InvocationLog log)
{
    public const string Queue = "doomed";

    [Function("AlwaysFailing")]
    public Task Run([QueueTrigger(Queue, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        log.Add("AlwaysFailing", message.Body.ToString(), message.DequeueCount);
        throw new InvalidOperationException("This message can never be handled.");
    }
}

/// <summary>Records the id of a scoped service: one per invocation scope.</summary>
public sealed class ScopeProbeFunction(InvocationLog log, ScopedThing thing)
{
    public const string Queue = "scoped";

    [Function("ScopeProbe")]
    public Task Run([QueueTrigger(Queue, Connection = QueueNames.Connection)] string body, CancellationToken cancellationToken)
    {
        log.Add("ScopeProbe", body, value: thing.Id);
        return Task.CompletedTask;
    }
}

public sealed class ScopedThing
{
    public Guid Id { get; } = Guid.NewGuid();
}

public sealed class EverySecondFunction(InvocationLog log)
{
    public const string ScheduleSetting = "Tests:EverySecond";

    [Function("EverySecond")]
    public Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        log.Add("EverySecond", "tick", value: timer);
        return Task.CompletedTask;
    }
}

public sealed class OnStartupFunction(InvocationLog log)
{
    // Once a year at midnight on 1 January: only RunOnStartup makes it run during a test.
    [Function("OnStartup")]
    public Task Run([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        log.Add("OnStartup", "start", value: timer);
        return Task.CompletedTask;
    }
}

public sealed class UnbindableFunction
{
    [Function("Unbindable")]
    public Task Run([QueueTrigger(EchoFunction.Queue, Connection = QueueNames.Connection)] QueueMessage message, int retries) => Task.CompletedTask;
}

public sealed class WrongBodyTypeFunction
{
    [Function("WrongBodyType")]
    public Task Run([QueueTrigger(EchoFunction.Queue, Connection = QueueNames.Connection)] Uri message) => Task.CompletedTask;
}

public sealed class OtherConnectionFunction
{
    [Function("OtherConnection")]
    public Task Run([QueueTrigger(EchoFunction.Queue, Connection = "SomewhereElse")] string message) => Task.CompletedTask;
}

public sealed class MissingScheduleSettingFunction
{
    [Function("MissingScheduleSetting")]
    public Task Run([TimerTrigger("%Tests:NoSuchSchedule%")] TimerInfo timer) => Task.CompletedTask;
}

public sealed class BadScheduleFunction
{
    [Function("BadSchedule")]
    public Task Run([TimerTrigger("every five minutes")] TimerInfo timer) => Task.CompletedTask;
}
