using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Tickets.EndToEndTests.Services;
using Tickets.Functions.Triggers;
using Tickets.Messaging;

namespace Tickets.EndToEndTests.Triggers;

/// <summary>The local host runs queue-triggered functions against real Azurite with host.json's queue settings.</summary>
public sealed class QueueTriggerTests : IAsyncLifetime
{
    private const string Quick = """{ "maxPollingInterval": "00:00:00.500", "visibilityTimeout": "00:00:01", "maxDequeueCount": 3 }""";
    private AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task AMessageIsHandedToItsFunctionOnceAndThenDeleted()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(EchoFunction)));

        await _azurite.SendAsync(EchoFunction.Queue, """{"ticket":"TCK-000001","text":"¿Qué tal?"}""");

        var seen = await Eventually.Until(() => host.Invocations.Of("Echo"), i => i.Count > 0, "handled");
        await Eventually.Until(() => _azurite.CountAsync(EchoFunction.Queue), n => n == 0, "deleted from the queue");
        Assert.Equal("""{"ticket":"TCK-000001","text":"¿Qué tal?"}""", Assert.Single(seen).Detail);
        Assert.Equal(1, seen[0].Attempt);
    }

    [Fact]
    public async Task TheBodyBindsAsStringOrAsBinaryData()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(TextFunction), typeof(BytesFunction)));

        await _azurite.SendAsync(TextFunction.Queue, "hola");
        await _azurite.SendAsync(BytesFunction.Queue, "AB");

        await Eventually.Until(() => host.Invocations.All, i => i.Count == 2, "both handled");
        Assert.Equal("hola", Assert.Single(host.Invocations.Of("Text")).Detail);
        Assert.Equal("4142", Assert.Single(host.Invocations.Of("Bytes")).Detail);
    }

    [Fact]
    public async Task EachInvocationRunsInItsOwnScope()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(ScopeProbeFunction)));

        await _azurite.SendAsync(ScopeProbeFunction.Queue, "one");
        await _azurite.SendAsync(ScopeProbeFunction.Queue, "two");

        var seen = await Eventually.Until(() => host.Invocations.Of("ScopeProbe"), i => i.Count == 2, "both handled");
        Assert.NotEqual(seen[0].Value, seen[1].Value);
    }

    [Fact]
    public async Task AFailingMessageIsRetriedAfterTheVisibilityTimeoutThenMovedIntactToThePoisonQueue()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(AlwaysFailingFunction)));
        const string body = """{"eventId":"e-1","text":"ñandú ✓"}""";

        await _azurite.SendAsync(AlwaysFailingFunction.Queue, body);

        var poisoned = await Eventually.Until(() => _azurite.PeekAsync(QueueNames.Poison(AlwaysFailingFunction.Queue)), m => m.Count > 0, "in the poison queue");
        var attempts = host.Invocations.Of("AlwaysFailing");
        Assert.Equal(body, Assert.Single(poisoned));
        Assert.Equal([1L, 2L, 3L], attempts.Select(a => a.Attempt));
        Assert.All(attempts.Zip(attempts.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(900),
            $"retried {(pair.Second.At - pair.First.At).TotalMilliseconds} ms after failing; visibilityTimeout is 1 s"));
        Assert.Equal(0, await _azurite.CountAsync(AlwaysFailingFunction.Queue));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException
            && Equals(e.Values.GetValueOrDefault("Function"), "AlwaysFailing"));
    }

    [Fact]
    public async Task AMessageThatIsNotBase64GoesStraightToThePoisonQueueWithoutRunningTheFunction()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(EchoFunction)));
        var plain = new QueueClient(_azurite.ConnectionString, EchoFunction.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await plain.CreateIfNotExistsAsync();

        await plain.SendMessageAsync("not base64: {\"x\":1}");

        var poisoned = await Eventually.Until(() => _azurite.PeekAsync(QueueNames.Poison(EchoFunction.Queue)), m => m.Count > 0, "in the poison queue");
        Assert.Equal("not base64: {\"x\":1}", Assert.Single(poisoned));
        Assert.Empty(host.Invocations.All);
        Assert.Equal(0, await _azurite.CountAsync(EchoFunction.Queue));
    }

    [Fact]
    public async Task AnEmptyQueueIsPolledLessAndLessOftenUpToMaxPollingIntervalAndPromptlyAgainOnceMessagesArrive()
    {
        await using var host = await TriggerTestHost.StartAsync(_azurite, Quick, TriggerCatalog.From(typeof(EchoFunction)));
        await _azurite.Queue(EchoFunction.Queue).CreateIfNotExistsAsync();

        var idle = await Eventually.Until(() => PollDelays(host), d => d.Count >= 4 && d[^1] == 500, "backed off to maxPollingInterval");
        await _azurite.SendAsync(EchoFunction.Queue, "wake up");
        await Eventually.Until(() => host.Invocations.Of("Echo"), i => i.Count == 1, "handled");
        var afterMessage = await Eventually.Until(() => PollDelays(host).Skip(idle.Count).ToList(), d => d.Contains(100), "polling at the minimum again");

        Assert.True(idle.Zip(idle.Skip(1)).All(pair => pair.Second >= pair.First), $"delays grow: {string.Join(", ", idle)}");
        Assert.True(idle[0] < 500, $"the first wait is short: {idle[0]} ms");
        Assert.All(idle.Concat(afterMessage), delay => Assert.InRange(delay, 100, 500));
    }

    /// <summary>The listener's logged waits between polls, in milliseconds.</summary>
    private static List<double> PollDelays(TriggerTestHost host) =>
        host.Logs.Entries
            .Where(e => e.Template?.Contains("next poll", StringComparison.Ordinal) == true)
            .Select(e => (double)e.Values["DelayMs"]!)
            .ToList();
}
