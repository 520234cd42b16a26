using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Tickets.Messaging;
using Tickets.Notifications;

namespace Tickets.Functions.Notifications;

/// <summary>
/// Delivers each <c>notifications</c> message: in-app notifications and e-mail (<c>Notify</c>); sends each person's
/// coalesced e-mail about a ticket when its delayed <c>notification-emails</c> message becomes visible
/// (<c>SendNotificationEmail</c>); sends what is overdue because such a message was lost (<c>NotificationEmailSweep</c>).
/// Throwing makes the queue retry a message after host.json's visibility timeout, and after maxDequeueCount it moves to
/// its poison queue.
/// </summary>
public sealed class NotifyFunction(NotificationDelivery delivery, NotificationEmails emails)
{
    [Function("Notify")]
    public Task Run(
        [QueueTrigger(QueueNames.Notifications, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(message.Body.ToString(), cancellationToken);

    [Function("SendNotificationEmail")]
    public Task SendEmail(
        [QueueTrigger(QueueNames.NotificationEmails, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        emails.DeliverAsync(message.Body.ToString(), cancellationToken);

    [Function("NotificationEmailSweep")]
    public Task Sweep([TimerTrigger("%Tickets:Notifications:EmailSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        emails.SweepAsync(cancellationToken);
}
