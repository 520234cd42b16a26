using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Tickets.Messaging;
using Tickets.Notifications;

namespace Tickets.Functions.Notifications;

/// <summary>
/// Delivers each <c>notifications</c> message: in-app notifications and e-mail. Throwing makes the queue retry it
/// after host.json's visibility timeout, and after maxDequeueCount it moves to <c>notifications-poison</c>.
/// </summary>
public sealed class NotifyFunction(NotificationDelivery delivery)
{
    [Function("Notify")]
    public Task Run(
        [QueueTrigger(QueueNames.Notifications, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(message.Body.ToString(), cancellationToken);
}
