namespace Tickets.Messaging;

/// <summary>Puts one message on a Storage queue; the small port tests observe or break.</summary>
public interface IQueueSender
{
    /// <param name="queue">One of <see cref="QueueNames"/>.</param>
    /// <param name="body">JSON text; the sender encodes it as host.json says.</param>
    /// <param name="visibleAt">The message stays invisible until then (at most the queue's 7-day limit), or null for at once.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(string queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken);
}
