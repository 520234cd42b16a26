using System.Collections.Concurrent;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>What the test functions saw, in order; one per trigger test host.</summary>
public sealed class InvocationLog
{
    private readonly ConcurrentQueue<Invocation> _invocations = new();

    public IReadOnlyList<Invocation> All => [.. _invocations];

    public IReadOnlyList<Invocation> Of(string function) => All.Where(i => i.Function == function).ToList();

    public void Add(string function, string detail, long attempt = 0, object? value = null) =>
        _invocations.Enqueue(new Invocation(function, detail, attempt, DateTimeOffset.UtcNow, value));
}

public sealed record Invocation(string Function, string Detail, long Attempt, DateTimeOffset At, object? Value);
