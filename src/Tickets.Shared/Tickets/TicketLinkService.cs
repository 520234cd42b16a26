using Microsoft.Extensions.Logging;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Sla.Policies;

namespace Tickets.Tickets;

/// <summary>
/// Links and merges, as the signed-in caller (staff). Each touches two tickets, and each ticket is its own partition, so
/// each is two changes through the one <see cref="TicketWriter"/>, written in a fixed order; both sides are idempotent, so
/// a request that failed between them is completed by its retry (the second side is written, the first is not again).
/// </summary>
public sealed partial class TicketLinkService(
    ITicketStore store, TicketService tickets, TicketWriter writer, CurrentUser me, TicketRules rules, SlaPolicies policies, TimeProvider time,
    ILogger<TicketLinkService> logger)
{
    private Actor Caller => Actor.Of(me.User) with { Channel = me.Channel };

    /// <summary>
    /// Links the ticket to another (this side first, then the inverse on the other). Asking again for a link both sides
    /// already have is a 409 naming <c>ticketId</c>; one only this side has (an earlier attempt that stopped half way) is
    /// completed.
    /// </summary>
    public async Task<Result<Ticket>> LinkAsync(string idOrNumber, LinkRequest request, CancellationToken cancellationToken)
    {
        if (!Caller.IsStaff) return Error.Forbidden("Technicians and admins link tickets.");
        if (request.Validate().ToError() is { } invalid) return invalid;
        var type = request.TypeValue!.Value;

        var source = await tickets.GetAsync(idOrNumber, cancellationToken);
        if (!source.IsSuccess) return source.Error!;
        var other = await tickets.GetAsync(request.TicketId!.Trim(), cancellationToken);
        if (!other.IsSuccess) return FieldNotFound("ticketId", "The ticket to link does not exist or you cannot see it.");
        if (other.Value.Id == source.Value.Id) return Error.Field("ticketId", FieldCodes.NotAllowed, "A ticket cannot be linked to itself.");
        if (source.Value.LinkTo(other.Value.Id)?.Type == type && other.Value.LinkTo(source.Value.Id)?.Type == TicketLinks.Inverse(type))
            return Error.Conflict("already_linked", $"{source.Value.DisplayNumber} is already linked to {other.Value.DisplayNumber}.",
                new Dictionary<string, string[]> { ["ticketId"] = ["The tickets are already linked."] });
        // The other side must have room (and no other link to this ticket) before this side is written.
        if (other.Value.LinkTo(source.Value.Id) is null && other.Value.Links.Count >= TicketLinks.MaxCount)
            return Error.Field("ticketId", FieldCodes.TooMany, $"{other.Value.DisplayNumber} already has {TicketLinks.MaxCount} links, the most a ticket may have.");
        if (other.Value.LinkTo(source.Value.Id) is { } theirs && theirs.Type != TicketLinks.Inverse(type))
            return Error.Conflict("already_linked", $"{other.Value.DisplayNumber} is already linked to {source.Value.DisplayNumber} as {Json.EnumName(theirs.Type)}: remove that link first.",
                new Dictionary<string, string[]> { ["ticketId"] = ["The tickets are already linked."] });

        var mine = await writer.WriteAsync(ct => tickets.GetAsync(source.Value.Id, ct), null, Caller,
            ticket => Task.FromResult(ticket.Link(Caller, other.Value, type, time.GetUtcNow())), cancellationToken);
        if (!mine.IsSuccess) return mine.Error!;
        var theirsWritten = await writer.WriteAsync(ct => tickets.GetAsync(other.Value.Id, ct), null, Caller,
            ticket => Task.FromResult(ticket.Link(Caller, mine.Value.Ticket, TicketLinks.Inverse(type), time.GetUtcNow())), cancellationToken);
        if (!theirsWritten.IsSuccess) return theirsWritten.Error!;
        LogLinked(logger, source.Value.Id, other.Value.Id, me.Id);
        return mine.Value.Ticket;
    }

    /// <summary>
    /// Removes the link between the ticket and <paramref name="otherId"/> from both (this side first); a link neither has
    /// is a 404. The other side is cleared even if that ticket was deleted since.
    /// </summary>
    public async Task<Result<Ticket>> UnlinkAsync(string idOrNumber, string otherId, CancellationToken cancellationToken)
    {
        if (!Caller.IsStaff) return Error.Forbidden("Technicians and admins link tickets.");
        var source = await tickets.GetAsync(idOrNumber, cancellationToken);
        if (!source.IsSuccess) return source.Error!;
        var other = Ids.IsWellFormed(otherId) ? await store.FindAsync(otherId, cancellationToken) : null;
        if (source.Value.LinkTo(otherId) is null && other?.LinkTo(source.Value.Id) is null) return Error.NotFound("link");

        var mine = await writer.WriteAsync(ct => tickets.GetAsync(source.Value.Id, ct), null, Caller,
            ticket => Task.FromResult(ticket.Unlink(Caller, otherId, time.GetUtcNow())), cancellationToken);
        if (!mine.IsSuccess) return mine.Error!;
        if (other is not null)
        {
            var theirs = await writer.WriteAsync(ReadEvenDeletedAsync(other.Id), null, Caller,
                ticket => Task.FromResult(ticket.Unlink(Caller, source.Value.Id, time.GetUtcNow())), cancellationToken);
            if (!theirs.IsSuccess) return theirs.Error!;
        }

        LogUnlinked(logger, source.Value.Id, otherId, me.Id);
        return mine.Value.Ticket;
    }

    /// <summary>
    /// Merges the ticket into <see cref="MergeRequest.IntoId"/>: the target's side first (people, copied comments, link,
    /// <c>merged_from</c>), then the source's (closed as <c>merged</c>, <c>mergedInto</c>, link, <c>merged_into</c>). A merge
    /// whose target side is written but not its source's is completed by asking again.
    /// </summary>
    public async Task<Result<Ticket>> MergeAsync(string idOrNumber, MergeRequest request, CancellationToken cancellationToken)
    {
        if (!Caller.IsStaff) return Error.Forbidden("Technicians and admins merge tickets.");
        if (request.Validate().ToError() is { } invalid) return invalid;
        var found = await tickets.GetAsync(idOrNumber, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var source = found.Value;
        var into = await tickets.GetAsync(request.IntoId!.Trim(), cancellationToken);
        if (!into.IsSuccess) return FieldNotFound("intoId", "The ticket to merge into does not exist or you cannot see it.");
        var target = into.Value;
        if (target.Id == source.Id) return Error.Field("intoId", FieldCodes.NotAllowed, "A ticket cannot be merged into itself.");
        if (source.MergedInto is { } merged)
            return Error.Conflict("already_merged", $"{source.DisplayNumber} was already merged into {merged.Number}.",
                new Dictionary<string, string[]> { ["id"] = ["The ticket was already merged."] });

        var halfDone = target.MergedFrom.Any(r => r.TicketId == source.Id);
        if (!halfDone && source.Status == TicketStatus.Closed)
            return Error.Conflict("ticket_closed", $"{source.DisplayNumber} is closed: only an open ticket is merged.",
                new Dictionary<string, string[]> { ["id"] = ["The ticket is closed."] });

        if (!halfDone)
        {
            var comments = await PublicCommentsAsync(source.Id, cancellationToken);
            var absorbed = await writer.WriteAsync(ct => tickets.GetAsync(target.Id, ct), null, Caller,
                ticket => Task.FromResult(ticket.AbsorbMerge(Caller, source, comments, time.GetUtcNow())), cancellationToken);
            if (!absorbed.IsSuccess) return absorbed.Error!;
            target = absorbed.Value.Ticket;
        }

        var closed = await writer.WriteAsync(ct => tickets.GetAsync(source.Id, ct), null, Caller, async ticket =>
            ticket.MergeInto(Caller, target, rules.WithSla(await policies.ForTicketAsync(ticket.Sla, cancellationToken)), time.GetUtcNow()),
            cancellationToken);
        if (!closed.IsSuccess) return closed.Error!;
        LogMerged(logger, source.Id, target.Id, me.Id);
        return closed.Value.Ticket;
    }

    /// <summary>The source's public comments, oldest first; one more than a merge copies is enough to refuse it.</summary>
    private async Task<List<Comment>> PublicCommentsAsync(string ticketId, CancellationToken cancellationToken)
    {
        var all = new List<Comment>();
        string? cursor = null;
        do
        {
            var page = await store.ListCommentsAsync(ticketId, includeInternal: false, new PageRequest(PageRequest.MaxLimit, cursor, false), cancellationToken);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && all.Count <= TicketLinks.MaxCopiedComments);

        return all;
    }

    private Func<CancellationToken, Task<Result<Ticket>>> ReadEvenDeletedAsync(string id) => async ct =>
        await store.FindAsync(id, ct) is { } ticket ? ticket : Error.NotFound("ticket");

    /// <summary>A 404 that names the field holding the ticket that was not found.</summary>
    private static Error FieldNotFound(string field, string message) =>
        new(ErrorKind.NotFound, "not_found", "Not found.", message)
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
            ErrorCodes = new Dictionary<string, string[]> { [field] = ["not_found"] },
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} linked to {OtherId} by {UserId}")]
    private static partial void LogLinked(ILogger logger, string ticketId, string otherId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} unlinked from {OtherId} by {UserId}")]
    private static partial void LogUnlinked(ILogger logger, string ticketId, string otherId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} merged into {TargetId} by {UserId}")]
    private static partial void LogMerged(ILogger logger, string ticketId, string targetId, string userId);
}
