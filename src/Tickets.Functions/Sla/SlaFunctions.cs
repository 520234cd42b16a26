using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Tickets.Messaging;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Tickets;

namespace Tickets.Functions.Sla;

/// <summary>
/// SLA escalation on exact timers: <c>SlaCheck</c> runs each check when its queue message becomes visible (warning point
/// or due time); <c>SlaReplan</c> re-plans open tickets on a policy's newest version; <c>SlaSweep</c> catches breaches whose check was lost; <c>AutoClose</c> closes resolved tickets left untouched.
/// </summary>
public sealed class SlaFunctions(SlaEscalation escalation, SlaReplanner replanner, AutoCloser autoCloser)
{
    [Function("SlaCheck")]
    public Task Check(
        [QueueTrigger(QueueNames.SlaChecks, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        escalation.CheckAsync(message.Body.ToString(), cancellationToken);

    /// <summary>A page of the re-plan an admin asked for (<c>POST /sla-policies/{id}/apply</c>).</summary>
    [Function("SlaReplan")]
    public Task Replan(
        [QueueTrigger(QueueNames.SlaReplans, Connection = QueueNames.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
        replanner.RunAsync(message.Body.ToString(), cancellationToken);

    [Function("SlaSweep")]
    public Task Sweep([TimerTrigger("%Tickets:Sla:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        escalation.SweepAsync(cancellationToken);

    [Function("AutoClose")]
    public Task AutoClose([TimerTrigger("%Tickets:AutoCloseSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        autoCloser.CloseDueAsync(cancellationToken);
}
