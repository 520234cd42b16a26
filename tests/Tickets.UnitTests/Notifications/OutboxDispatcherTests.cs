using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Tickets.Messaging;

namespace Tickets.UnitTests.Notifications;

public sealed class OutboxDispatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IQueueSender> _queue = new();
    private readonly Mock<IOutboxStore> _outbox = new();

    private OutboxDispatcher Dispatcher(TimeSpan? timeout = null) => new(_queue.Object, _outbox.Object,
        Options.Create(new OutboxOptions { SendTimeout = timeout ?? TimeSpan.FromSeconds(5) }), NullLogger<OutboxDispatcher>.Instance);

    private static IReadOnlyCollection<OutboxMessage> Exactly(params OutboxMessage[] messages) =>
        It.Is<IReadOnlyCollection<OutboxMessage>>(removed => removed.SequenceEqual(messages));

    private static OutboxMessage Message(DateTimeOffset? visibleAt = null) => new("m1", "t1", QueueNames.SlaChecks, "{}", Now, visibleAt);

    [Fact]
    public async Task SentMessageLeavesTheOutboxWithItsVisibilityTime()
    {
        var message = Message(visibleAt: Now.AddHours(3));

        Assert.Equal(1, await Dispatcher().SendAndRemoveAsync([message], default));

        _queue.Verify(q => q.SendAsync(QueueNames.SlaChecks, "{}", Now.AddHours(3), It.IsAny<CancellationToken>()));
        _outbox.Verify(o => o.RemoveAsync(Exactly(message), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ABatchLeavesTheOutboxInOneRemovalWithoutWhatTheQueueRefused()
    {
        var messages = Enumerable.Range(0, 5).Select(i => Message() with { Id = $"m{i}", Body = $"{{\"n\":{i}}}" }).ToList();
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), messages[2].Body, It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException("queue busy"));

        Assert.Equal(4, await Dispatcher().SendAndRemoveAsync(messages, default));

        // Every message was offered to the queue, in order; the refused one stays pending for the relay.
        _queue.Verify(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
        _outbox.Verify(o => o.RemoveAsync(Exactly(messages[0], messages[1], messages[3], messages[4]), It.IsAny<CancellationToken>()), Times.Once);
        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task MessageTheQueueRefusesStaysInTheOutbox()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException("queue down"));

        Assert.Equal(0, await Dispatcher().SendAndRemoveAsync([Message()], default));

        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AQueueThatDoesNotAnswerIsGivenUpAfterTheSendTimeout()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Returns<string, string, DateTimeOffset?, CancellationToken>((_, _, _, token) => Task.Delay(Timeout.Infinite, token));

        Assert.Equal(0, await Dispatcher(TimeSpan.FromMilliseconds(100)).SendAndRemoveAsync([Message()], default));

        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RelayResendsWhatIsOldEnoughAndStopsWhenTheQueueIsDown()
    {
        var pending = Enumerable.Range(0, 4).Select(i => Message() with { Id = $"m{i}" }).ToList();
        _outbox.SetupSequence(o => o.ListPendingAsync(Now - TimeSpan.FromSeconds(30), 2, It.IsAny<CancellationToken>()))
            .ReturnsAsync(pending[..2])
            .ReturnsAsync(pending[2..]);
        _queue.SetupSequence(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask)
            .ThrowsAsync(new Azure.RequestFailedException("queue down"))
            .ThrowsAsync(new Azure.RequestFailedException("queue down"))
            .ThrowsAsync(new Azure.RequestFailedException("queue down"));

        Assert.Equal(1, await Relay(batchSize: 2).RelayAsync(default));
        // The first page sent one of two, so the queue answers: the relay reads on. The second sent none: it stops.
        _outbox.Verify(o => o.ListPendingAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task RelayGoesOnPastAFewFailedSendsUntilTheBacklogIsSent()
    {
        var pending = Enumerable.Range(0, 5).Select(i => Message() with { Id = $"m{i}" }).ToList();
        var left = new List<OutboxMessage>(pending);
        _outbox.Setup(o => o.ListPendingAsync(It.IsAny<DateTimeOffset>(), 2, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => left.Take(2).ToList());
        _outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<OutboxMessage>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<OutboxMessage>, CancellationToken>((sent, _) => left.RemoveAll(sent.Contains))
            .Returns(Task.CompletedTask);
        // Every other send times out, as they do while a queue catches up after an outage.
        var calls = 0;
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) % 2 == 0 ? Task.FromException(new TimeoutException()) : Task.CompletedTask);

        Assert.Equal(5, await Relay(batchSize: 2).RelayAsync(default));
        Assert.Empty(left);
    }

    private OutboxRelay Relay(int batchSize) => new(_outbox.Object, Dispatcher(),
        Options.Create(new OutboxOptions { RelayAfter = TimeSpan.FromSeconds(30), RelayBatchSize = batchSize }), new FakeTimeProvider(Now),
        NullLogger<OutboxRelay>.Instance);

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(90, 90)]
    [InlineData(60 * 24 * 30, 60 * 24 * 7 - 1)]
    public void DelaysAreClampedToWhatStorageQueuesAllow(int minutesAhead, int expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), StorageQueueSender.DelayUntil(Now.AddMinutes(minutesAhead), Now));

    [Fact]
    public void DelaysRoundUpToWholeSecondsSoAMessageIsNeverEarly() =>
        Assert.Equal(TimeSpan.FromSeconds(6), StorageQueueSender.DelayUntil(Now.AddMilliseconds(5_200), Now));
}
