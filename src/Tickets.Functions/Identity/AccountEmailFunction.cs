using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Tickets.Identity;
using Tickets.Messaging;

namespace Tickets.Functions.Identity;

/// <summary>
/// E-mails each set-password link of the <c>account-emails</c> queue. Throwing (SMTP down) makes the queue retry it; after
/// maxDequeueCount it moves to <c>account-emails-poison</c>.
/// </summary>
public sealed class AccountEmailFunction(AccountEmailDelivery delivery)
{
    [Function("SendAccountEmail")]
    public Task Run(
        [QueueTrigger(QueueNames.AccountEmails, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(message.Body.ToString(), cancellationToken);
}
