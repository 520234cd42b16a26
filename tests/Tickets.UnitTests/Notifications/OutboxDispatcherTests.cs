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

    private static OutboxMessage Message(DateTimeOffset? visibleAt = null) => new("m1", "t1", QueueNames.SlaChecks, "{}", Now, visibleAt);

    [Fact]
    public async Task SentMessageLeavesTheOutboxWithItsVisibilityTime()
    {
        var message = Message(visibleAt: Now.AddHours(3));

        Assert.True(await Dispatcher().TrySendAsync(message, default));

        _queue.Verify(q => q.SendAsync(QueueNames.SlaChecks, "{}", Now.AddHours(3), It.IsAny<CancellationToken>()));
        _outbox.Verify(o => o.RemoveAsync(message, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task MessageTheQueueRefusesStaysInTheOutbox()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException("queue down"));

        Assert.False(await Dispatcher().TrySendAsync(Message(), default));

        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AQueueThatDoesNotAnswerIsGivenUpAfterTheSendTimeout()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Returns<string, string, DateTimeOffset?, CancellationToken>((_, _, _, token) => Task.Delay(Timeout.Infinite, token));

        Assert.False(await Dispatcher(TimeSpan.FromMilliseconds(100)).TrySendAsync(Message(), default));

        _outbox.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RelayResendsWhatIsOldEnoughAndStopsWhenTheQueueIsDown()
    {
        var time = new FakeTimeProvider(Now);
        var pending = Enumerable.Range(0, 3).Select(i => Message() with { Id = $"m{i}" }).ToList();
        _outbox.Setup(o => o.ListPendingAsync(Now - TimeSpan.FromSeconds(30), 2, It.IsAny<CancellationToken>())).ReturnsAsync(pending.Take(2).ToList());
        _queue.SetupSequence(q => q.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask)
            .ThrowsAsync(new Azure.RequestFailedException("queue down"));
        var options = Options.Create(new OutboxOptions { RelayAfter = TimeSpan.FromSeconds(30), RelayBatchSize = 2 });
        var relay = new OutboxRelay(_outbox.Object, Dispatcher(), options, time, NullLogger<OutboxRelay>.Instance);

        Assert.Equal(1, await relay.RelayAsync(default));
        _outbox.Verify(o => o.ListPendingAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

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
