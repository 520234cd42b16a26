using Microsoft.Azure.Functions.Worker;
using Tickets.Messaging;

namespace Tickets.Functions.Messaging;

/// <summary>Sends outbox messages that were not sent right after their change (queue down, process stopped).</summary>
public sealed class OutboxRelayFunction(OutboxRelay relay)
{
    [Function("OutboxRelay")]
    public Task Run([TimerTrigger("%Tickets:Outbox:RelaySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.RelayAsync(cancellationToken);
}
