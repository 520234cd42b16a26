using System.ComponentModel;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Inbound;
using Tickets.Messaging;

namespace Tickets.Functions.Inbound;

/// <summary>
/// The e-mail channel: two doors — the signed webhook (<c>POST /inbound/email</c>) and the mailbox poll
/// (<c>MailboxPoll</c>) — that keep each raw message and queue it on <c>inbound-mail</c>, where
/// <c>ProcessInboundMail</c> makes it a ticket, a comment or a recorded refusal; and the channel's state for admins.
/// </summary>
public sealed class InboundFunctions(InboundWebhook webhook, MailboxPoller poller, InboundMailProcessor processor, InboundStatus status, InboundMailSweep sweep)
{
    public const string MediaType = "message/rfc822";

    [Function("InboundEmail")]
    [Access(Who.Anyone)]
    [Accepts(typeof(string), MediaType = MediaType, Headers = RequestHeaders.WebhookSignature)]
    [Returns(202)]
    [Fails(ErrorKind.Unauthorized, ErrorKind.NotFound)]
    [Description("For a mail service that posts what the support address receives: the raw RFC 5322 message as message/rfc822, "
        + "signed with Tickets:Inbound:WebhookSecret. A timestamp more than Tickets:Inbound:WebhookTolerance (5 min) away from now, "
        + "either way, or a signature that does not match answers 401 naming the header; a message over Tickets:Inbound:MaxMessageBytes "
        + "413 with maxBytes. Accepted (202), it is kept and queued: what it becomes (a ticket, a comment, or nothing, and why) shows in "
        + "GET /inbound/status. Without a secret configured the route does not exist (404).")]
    public async Task<IActionResult> Email(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "inbound/email")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!webhook.Enabled) return Api.Problem(Error.NotFound("route"));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Api.Problem(new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.",
                $"Send the raw message as {MediaType}."));
        }

        return Api.From(
            await webhook.AcceptAsync(request.Headers[InboundWebhook.TimestampHeader].FirstOrDefault(), request.Headers[InboundWebhook.SignatureHeader].FirstOrDefault(),
                request.ContentLength, request.Body, cancellationToken),
            _ => Api.Accepted());
    }

    [Function("InboundStatus")]
    [Access(Who.Admin)]
    [Returns(200, typeof(InboundStatusView))]
    [Description("For admins: the e-mail channel's state — which doors are configured, the mailbox's last poll and error, how many "
        + "messages failed for good (inbound-mail-poison), the last day's outcomes and refusals by reason, and the newest "
        + "50 processed messages with what each became and why.")]
    public async Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "inbound/status")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(await status.GetAsync(cancellationToken));

    /// <summary>
    /// Makes each queued message what it says. A message that is gone or cannot be parsed throws: the queue retries it
    /// after host.json's visibility timeout and, after maxDequeueCount, moves it to <c>inbound-mail-poison</c>.
    /// </summary>
    [Function("ProcessInboundMail")]
    public Task Process(
        [QueueTrigger(QueueNames.InboundMail, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        var inbound = JsonSerializer.Deserialize<InboundMailMessage>(message.Body.ToString(), Json.Options)
            ?? throw new InvalidDataException("An inbound-mail message is null.");
        return processor.ProcessAsync(inbound, cancellationToken);
    }

    /// <summary>
    /// Reads new mail from Tickets:Inbound:Imap (nothing without a host). A failed poll is recorded for admins and
    /// fails the invocation; the next tick polls again from where the mailbox's state stands.
    /// </summary>
    [Function("MailboxPoll")]
    public Task Poll([TimerTrigger("%Tickets:Inbound:PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poller.PollAsync(cancellationToken);

    /// <summary>Removes the records of messages processed longer ago than Tickets:Inbound:RecordLifetime.</summary>
    [Function("InboundMailSweep")]
    public Task Sweep([TimerTrigger("%Tickets:Inbound:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
