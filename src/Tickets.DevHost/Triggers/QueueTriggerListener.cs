using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Polls one queue for one function with host.json's settings, with the Functions queue extension's semantics:
/// fetch up to <c>batchSize</c>, fetch again once no more than <c>newBatchThreshold</c> are still running, wait
/// longer and longer (up to <c>maxPollingInterval</c>) while the queue is empty or unreachable, delete a message
/// its function completed, make a failed one visible again after <c>visibilityTimeout</c>, and move it to
/// <c>&lt;queue&gt;-poison</c> once it has failed <c>maxDequeueCount</c> times.
/// </summary>
internal sealed partial class QueueTriggerListener(
    string functionName,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueHostOptions options,
    FunctionInvocation<QueueMessage> invoke,
    IServiceProvider services,
    TimeProvider time,
    ILogger logger,
    TimeSpan? lease = null)
{
    /// <summary>
    /// How long a received message stays invisible while its function runs, renewed halfway (see <see cref="MessageLease"/>):
    /// 10 minutes, as in the Functions queue extension, unless <see cref="TriggerHost.MessageLeaseKey"/> says otherwise.
    /// A message taken by a host that then dies reappears only when this runs out.
    /// </summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    private readonly TimeSpan _lease = lease ?? DefaultLease;

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _processing = [];
    private Task _polling = Task.CompletedTask;

    public string FunctionName => functionName;

    public void Start() => _polling = Task.Run(() => PollAsync(_stopping.Token));

    /// <summary>Stops polling, cancels running invocations and waits for them to settle their messages.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _polling.WaitAsync(cancellationToken);
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        var backoff = new PollingBackoff(QueueHostOptions.MinimumPollingInterval, options.MaxPollingInterval);
        var queueExists = false;
        var unreachable = false;
        var foundMessages = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Like the extension: ask whether the queue exists until it does, instead of failing every receive.
                queueExists = queueExists || await queue.ExistsAsync(stopping);
                if (unreachable) LogReachable(logger, functionName, queue.Name);
                unreachable = false;
                if (queueExists)
                {
                    // An undecodable message comes back as null, already moved to the poison queue (UndecodableMessages).
                    QueueMessage?[] received = await queue.ReceiveMessagesAsync(options.BatchSize, _lease, stopping);
                    var batch = received.OfType<QueueMessage>().ToList();
                    if (batch.Count > 0)
                    {
                        foreach (var message in batch) _processing.Add(ProcessAsync(message, stopping));
                        foundMessages = true;
                        await WaitForNewBatchThresholdAsync();
                        continue;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                queueExists = false;
                if (!unreachable) LogUnreachable(logger, e, functionName, queue.Name, queue.Uri.GetLeftPart(UriPartial.Authority));
                unreachable = true;
            }

            var delay = backoff.Next(foundMessages);
            foundMessages = false;
            LogBackoff(logger, functionName, queue.Name, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_processing);
    }

    private async Task WaitForNewBatchThresholdAsync()
    {
        _processing.RemoveAll(task => task.IsCompleted);
        while (_processing.Count > options.NewBatchThreshold)
            _processing.Remove(await Task.WhenAny(_processing));
    }

    /// <summary>Never throws: every outcome, including a failure to settle the message, is logged.</summary>
    private async Task ProcessAsync(QueueMessage message, CancellationToken stopping)
    {
        // Yield so a batch's invocations run side by side rather than the first one holding up the poll loop.
        await Task.Yield();
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                // Received more often than allowed without being settled (e.g. a host stopped mid-invocation).
                await MoveToPoisonAsync(message);
                return;
            }

            Exception? failure = null;
            var lease = new MessageLease(queue, message, _lease, time);
            await using (lease)
            {
                try
                {
                    await invoke(services, message, stopping);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }

            message = lease.Message;
            if (failure is null)
            {
                await SettleAsync(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None));
                return;
            }

            LogFunctionFailed(logger, failure, functionName, queue.Name, message.MessageId, message.DequeueCount, options.MaxDequeueCount);
            if (message.DequeueCount >= options.MaxDequeueCount)
                await MoveToPoisonAsync(message);
            else
                await SettleAsync(() => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None));
        }
        catch (Exception e)
        {
            // The message reappears after its lease and is tried again, as with the Functions host.
            LogSettleFailed(logger, e, functionName, queue.Name, message.MessageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message)
    {
        LogPoisoned(logger, functionName, queue.Name, message.MessageId, options.MaxDequeueCount, poisonQueue.Name);
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await SettleAsync(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None));
    }

    /// <summary>A message that is gone, or that someone else received meanwhile, is theirs to settle.</summary>
    private static async Task SettleAsync(Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (RequestFailedException e) when (e.Status is 404 || e.ErrorCode == QueueErrorCode.PopReceiptMismatch)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue trigger {Function}: next poll of {Queue} in {DelayMs} ms")]
    private static partial void LogBackoff(ILogger logger, string function, string queue, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue trigger {Function}: queue {Queue} at {Endpoint} is unreachable; polling again with back-off")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string function, string queue, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue trigger {Function}: queue {Queue} is reachable again")]
    private static partial void LogReachable(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on message {MessageId} of {Queue} (attempt {DequeueCount} of {MaxDequeueCount})")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string function, string queue, string messageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: message {MessageId} of {Queue} reached maxDequeueCount {MaxDequeueCount}; moving it to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string queue, string messageId, int maxDequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function}: could not settle message {MessageId} of {Queue}; it will be received again")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string function, string queue, string messageId);
}
