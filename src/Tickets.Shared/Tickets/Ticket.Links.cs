using Tickets.Common;
using Tickets.Tickets.History;
using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>
/// Links and merges. Each ticket lives in its own partition, so every one of these is two changes, one per ticket; each
/// is idempotent (a side already written is an empty change), so a retried request completes what an earlier one began.
/// </summary>
public sealed partial record Ticket
{
    /// <summary>
    /// Other tickets this one is linked to, each as this side sees the link (<see cref="TicketLinks"/>); a
    /// <see cref="ValueList{T}"/>, so a ticket read back equals the one written.
    /// </summary>
    public IReadOnlyList<TicketLink> Links { get; init => field = ValueList.Of(value); } = ValueList<TicketLink>.Empty;

    /// <summary>The ticket this one was merged into (it is closed then); null when it was not.</summary>
    public TicketReference? MergedInto { get; init; }

    /// <summary>The tickets merged into this one; also what makes a retried merge write this side once.</summary>
    public IReadOnlyList<TicketReference> MergedFrom { get; init => field = ValueList.Of(value); } = ValueList<TicketReference>.Empty;

    /// <summary>This ticket's side of the link to <paramref name="ticketId"/>, if any.</summary>
    public TicketLink? LinkTo(string ticketId) => Links.FirstOrDefault(l => l.TicketId == ticketId);

    /// <summary>
    /// Staff link this ticket to <paramref name="other"/> as <paramref name="type"/> (the other side is the other ticket's own
    /// change, with the inverse type). The same link again changes nothing; a link of another type to the same ticket is a
    /// 409 and a full list a 400, both naming <c>ticketId</c>. History <c>linked</c>.
    /// </summary>
    public Result<TicketChange> Link(Actor actor, Ticket other, TicketLinkType type, DateTimeOffset now)
    {
        if (!TicketPermissions.MayLink(actor)) return Error.Forbidden("Technicians and admins link tickets.");
        if (other.Id == Id) return Error.Field("ticketId", FieldCodes.NotAllowed, "A ticket cannot be linked to itself.");
        if (LinkTo(other.Id) is { } existing)
        {
            return existing.Type == type
                ? new TicketChange(this, [])
                : Error.Conflict("already_linked", $"{DisplayNumber} is already linked to {other.DisplayNumber} as {Json.EnumName(existing.Type)}: remove that link first.",
                    Named("ticketId", "The tickets are already linked."));
        }

        if (Links.Count >= TicketLinks.MaxCount)
            return Error.Field("ticketId", FieldCodes.TooMany, $"{DisplayNumber} already has {TicketLinks.MaxCount} links, the most a ticket may have.");

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.Linked, new LinkedData(other.Id, other.DisplayNumber, type))
            .Build(Touch(now) with { Links = [.. Links, new TicketLink(other.Id, other.DisplayNumber, other.Title, type)] });
    }

    /// <summary>Staff remove this ticket's side of the link to <paramref name="ticketId"/>; none there changes nothing. History <c>unlinked</c>.</summary>
    public Result<TicketChange> Unlink(Actor actor, string ticketId, DateTimeOffset now)
    {
        if (!TicketPermissions.MayLink(actor)) return Error.Forbidden("Technicians and admins link tickets.");
        if (LinkTo(ticketId) is not { } link) return new TicketChange(this, []);

        return new Recorder(Id, actor, now)
            .Add(TicketEventType.Unlinked, new UnlinkedData(link.TicketId, link.Number, link.Type))
            .Build(Touch(now) with { Links = [.. Links.Where(l => l.TicketId != ticketId)] });
    }

    /// <summary>
    /// The target's side of a merge, written first: <paramref name="source"/>'s requester and CCs become CCs here (not this
    /// ticket's requester, nor anyone already copied, up to <see cref="TicketCcs.MaxCount"/>), its public comments are
    /// copied (author and time kept, marked <c>mergedFrom</c>, with ids derived from theirs), the link becomes
    /// <c>duplicated_by</c>, and the source is remembered in <see cref="MergedFrom"/>, so doing it again changes nothing.
    /// History <c>merged_from</c>. A closed ticket takes no merge (409 naming <c>intoId</c>).
    /// </summary>
    public Result<TicketChange> AbsorbMerge(Actor actor, Ticket source, IReadOnlyList<Comment> publicComments, DateTimeOffset now)
    {
        if (!TicketPermissions.MayMerge(actor)) return Error.Forbidden("Technicians and admins merge tickets.");
        if (MergedFrom.Any(r => r.TicketId == source.Id)) return new TicketChange(this, []);
        if (source.Id == Id) return Error.Field("intoId", FieldCodes.NotAllowed, "A ticket cannot be merged into itself.");
        if (Status == Closed)
            return Error.Conflict("ticket_closed", $"{DisplayNumber} is closed: a ticket is merged into an open one.", Named("intoId", "The ticket to merge into is closed."));
        if (publicComments.Count > TicketLinks.MaxCopiedComments)
            return Error.Conflict("too_many_comments", $"{source.DisplayNumber} has more than {TicketLinks.MaxCopiedComments} public comments, more than a merge copies.",
                Named("id", "Too many public comments to merge."));

        var ccs = Ccs.ToList();
        var added = new List<TicketPerson>();
        foreach (var person in (IEnumerable<TicketPerson>)[new TicketPerson(source.Requester.Id, source.Requester.Name), .. source.Ccs])
        {
            if (person.Id == Requester.Id || ccs.Any(c => c.Id == person.Id) || ccs.Count >= TicketCcs.MaxCount) continue;
            ccs.Add(person);
            added.Add(person);
        }

        var from = TicketReference.Of(source);
        var next = Touch(now);
        // The copies follow the change's own numbering (revision × 100 + 1 …), so they list after the comments already here.
        var copies = publicComments.Where(c => !c.Internal).Select((c, i) => c with
        {
            Id = TicketLinks.CopiedCommentId(Id, c.Id),
            TicketId = Id,
            Attachments = [],
            MergedFrom = from,
            Sequence = (next.Revision * 100) + 1 + i,
        }).ToList();
        next = next with
        {
            Ccs = ccs,
            Links = [.. Links.Where(l => l.TicketId != source.Id), new TicketLink(source.Id, source.DisplayNumber, source.Title, TicketLinkType.DuplicatedBy)],
            MergedFrom = [.. MergedFrom, from],
            CommentCount = CommentCount + copies.Count,
        };
        return new Recorder(Id, actor, now)
            .Add(TicketEventType.MergedFrom, new MergedFromData(source.Id, source.DisplayNumber, copies.Count, added))
            .Build(next) with { CopiedComments = copies };
    }

    /// <summary>
    /// The source's side of a merge, written after the target's: closed with reason <c>merged</c> (from any status, a closed
    /// one staying closed), pointing at <paramref name="target"/> (<see cref="MergedInto"/>) with a <c>duplicate_of</c> link.
    /// Merged into that ticket already: nothing changes; into another: 409 naming <c>id</c>. History <c>merged_into</c>.
    /// </summary>
    public Result<TicketChange> MergeInto(Actor actor, Ticket target, TicketRules rules, DateTimeOffset now)
    {
        if (!TicketPermissions.MayMerge(actor)) return Error.Forbidden("Technicians and admins merge tickets.");
        if (MergedInto is { } into)
        {
            return into.TicketId == target.Id
                ? new TicketChange(this, [])
                : Error.Conflict("already_merged", $"{DisplayNumber} was merged into {into.Number}.", Named("id", "The ticket was already merged."));
        }

        var history = new Recorder(Id, actor, now).Add(TicketEventType.MergedInto, new MergedIntoData(target.Id, target.DisplayNumber));
        var next = Touch(now);
        if (Status != Closed) next = next.MoveTo(Closed, note: null, reason: "merged", actor, rules.Sla, now, history);
        return history.Build(next with
        {
            MergedInto = TicketReference.Of(target),
            Links = [.. Links.Where(l => l.TicketId != target.Id), new TicketLink(target.Id, target.DisplayNumber, target.Title, TicketLinkType.DuplicateOf)],
        });
    }

    private static Dictionary<string, string[]> Named(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}
