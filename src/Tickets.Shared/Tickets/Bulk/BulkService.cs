using Microsoft.Extensions.Logging;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Storage;

namespace Tickets.Tickets.Bulk;

/// <summary>One ticket's outcome in a bulk request: changed (no error), or refused with the error its own route would answer.</summary>
public sealed record BulkOutcome(string Id, Error? Error);

/// <summary>
/// One action over many tickets, as the caller would do it one by one: each ticket goes through the same
/// <see cref="TicketService"/> call as its own route (visibility, permissions, status machine, history, notifications),
/// one after another, and one ticket's refusal never stops the others. A busy store refuses that ticket as its route
/// would (503); anything else unexpected is a bug and fails the request.
/// </summary>
public sealed partial class BulkService(TicketService tickets, CurrentUser me, ILogger<BulkService> logger)
{
    public async Task<Result<IReadOnlyList<BulkOutcome>>> RunAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;
        var action = request.ActionValue!.Value;

        var outcomes = new List<BulkOutcome>(request.Ids!.Count);
        foreach (var id in request.Ids!)
            outcomes.Add(new BulkOutcome(id!, await ApplyAsync(id!, action, request, cancellationToken)));

        LogBulk(logger, Json.EnumName(action), me.Id, outcomes.Count(o => o.Error is null), outcomes.Count);
        return outcomes;
    }

    private async Task<Error?> ApplyAsync(string id, BulkAction action, BulkRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var done = action switch
            {
                BulkAction.Assign => await tickets.AssignAsync(id, new AssignRequest(request.AssigneeId), null, cancellationToken),
                BulkAction.Status => await tickets.ChangeStatusAsync(id, new StatusChangeRequest(request.Status, request.Note), null, cancellationToken),
                BulkAction.Priority => await tickets.UpdateAsync(id, new UpdateTicketRequest(Priority: request.Priority), null, cancellationToken),
                BulkAction.Team => await tickets.MoveToTeamAsync(id, new MoveTeamRequest(request.TeamId), null, cancellationToken),
                BulkAction.Tags => await tickets.SetTagsAsync(id, new SetTagsRequest(request.Tags), null, cancellationToken),
                _ => throw new InvalidOperationException($"Bulk action {action} has no ticket call."),
            };
            return done.IsSuccess ? null : done.Error;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && StoreBusy.From(e) is { } busy)
        {
            return busy;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk {Action} by {UserId}: {Changed} of {Count} tickets changed")]
    private static partial void LogBulk(ILogger logger, string action, string userId, int changed, int count);
}
