using Tickets.Common;

namespace Tickets.Tickets;

public sealed partial class TicketService
{
    /// <summary>
    /// The accounts a comment mentions, read once before the write: a caller who is not staff, a malformed or repeated-past-the-limit
    /// list, or an id that is not an active account is a 400 naming <c>mentions</c>. Whether each may read the comment is the
    /// ticket's question (<see cref="Ticket.AddComment"/>), asked on every read of it.
    /// </summary>
    private async Task<Result<IReadOnlyList<Actor>>> MentionedAsync(CommentRequest request, CancellationToken cancellationToken)
    {
        var ids = request.MentionIds;
        if (ids.Count == 0) return Array.Empty<Actor>();
        if (!Caller.IsStaff) return Error.Field("mentions", FieldCodes.NotAllowed, "Only technicians and admins mention people.");
        if (request.Validate().ToError() is { } invalid) return invalid;

        var mentioned = new List<Actor>(ids.Count);
        foreach (var id in ids)
        {
            var user = await users.FindByIdAsync(id, cancellationToken);
            if (user is not { Active: true })
                return Error.Field("mentions", FieldCodes.NotAllowed, $"{id} is not an active account.");
            mentioned.Add(Actor.Of(user));
        }

        return mentioned;
    }
}
