using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Tickets.DevHost.Triggers;

/// <summary>
/// Keeps a received message invisible while its function runs longer than half the lease, as the Functions
/// listener does, so a slow invocation is not handed to a second one; <see cref="Message"/> carries the latest pop receipt.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider time)
    {
        _queue = queue;
        _lease = lease;
        _time = time;
        Message = message;
        _renewing = RenewAsync(_stop.Token);
    }

    public QueueMessage Message { get; private set; }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 2, _time, cancellationToken);
                var receipt = await _queue.UpdateMessageAsync(Message.MessageId, Message.PopReceipt, visibilityTimeout: _lease, cancellationToken: cancellationToken);
                Message = Message.Update(receipt.Value);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The invocation ended; the caller settles the message.
        }
        catch (Azure.RequestFailedException)
        {
            // Renewal is best effort: if it fails the message reappears after its lease, as with the Functions host.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }
}
