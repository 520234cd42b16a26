using System.Text.Json;
using Tickets.Common;
using Tickets.Messaging;
using Tickets.Tickets;
using Tickets.Tickets.History;

namespace Tickets.Notifications;

/// <summary>
/// Who is told what about a ticket change — the routing table, defined once. Never the person who acted; each person at
/// most once per event; an internal note reaches staff only, so its text can never reach a requester or a CC.
/// <list type="table">
/// <item>created and unassigned → active admins (<c>ticket_created</c>)</item>
/// <item>assigned → the new assignee (<c>ticket_assigned</c>)</item>
/// <item>public comment by staff → requester, and the assignee when someone else wrote it; by the requester → assignee, or admins when unassigned (<c>ticket_commented</c>)</item>
/// <item>internal note → the assignee (<c>ticket_commented</c>, marked internal)</item>
/// <item>status change → requester, and the assignee when the requester closes or reopens (<c>status_changed</c>); one made with a public comment ("send and resolve") is told once, as the status change with the comment as its note, to whom the comment would have been told</item>
/// <item>the requester's CCs hear whatever the requester hears, and a CC's public comment is told as the requester's (to the assignee or admins, the requester and the other CCs)</item>
/// <item>public comment, internal note or status change → the followers not already told of that event (<c>ticket_updated</c>)</item>
/// <item>SLA warning → assignee, or admins when unassigned; breach → assignee and every active admin</item>
/// <item>a comment that mentions people → each of them (<c>mentioned</c>, marked internal for a note) instead of
/// <c>ticket_commented</c>; with a move ("send and resolve") those the move already tells hear of it as the move, the others as a mention</item>
/// <item>a bad satisfaction rating → assignee and every active admin (<c>satisfaction_bad</c>, the comment as excerpt); a good one → nobody</item>
/// </list>
/// A notification about a change that attached files names them (<see cref="NotificationData.AttachmentNames"/>); an
/// internal note's files travel with the note's internal mark, so they reach staff only, like its words.
/// </summary>
public static class NotificationRules
{
    public const int ExcerptLength = 280;

    /// <summary>Whether <see cref="Plan"/> needs the active admins' ids for this change (they are read only then).</summary>
    public static bool NeedsAdmins(TicketChange change) =>
        change.Events.Any(e => e.Type is TicketEventType.SlaBreached or TicketEventType.Escalated || IsBadRating(e))
        || (change.Ticket.Assignee is null && change.Events.Any(e => e.Type is TicketEventType.Created or TicketEventType.Commented or TicketEventType.SlaWarning));

    /// <summary>The outbox messages for <paramref name="change"/>, made by <paramref name="actor"/> (null: the system).</summary>
    public static IReadOnlyList<OutboxMessage> Plan(TicketChange change, Actor? actor, IReadOnlyList<string> activeAdminIds)
    {
        var ticket = change.Ticket;
        var messages = new List<NotificationMessage>();
        var actorId = actor?.Id;
        var who = actor is null ? null : new EventActor(actor.Id, actor.Name);

        // Each person hears of one event once: a mention outranks the comment's own notice, and a follower hears of it
        // only when nothing else told them.
        var mentionedIds = change.Comment?.Mentions.Select(p => p.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var told = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        void Tell(TicketEvent e, NotificationType type, IEnumerable<string?> recipients, NotificationData data)
        {
            var already = told.TryGetValue(e.Id, out var seen) ? seen : told[e.Id] = new HashSet<string>(StringComparer.Ordinal);
            var ids = recipients.OfType<string>().Where(id => id != actorId && !already.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            already.UnionWith(ids);
            if (ids.Count > 0) messages.Add(new NotificationMessage(e.Id, type, ticket.Id, ids, who, e.At, data));
        }

        void TellMentioned(TicketEvent e, Comment comment) => Tell(e, NotificationType.Mentioned, mentionedIds, MentionDataFor(ticket, comment));

        // The requester's side: the requester and the CCs hear the same things (never an internal note).
        var requesterSide = ticket.Ccs.Select(c => c.Id).Prepend(ticket.Requester.Id).ToList();
        var followers = ticket.Followers.Select(f => f.Id).ToList();

        var assigneeOrAdmins = ticket.Assignee is { } assignee ? [assignee.Id] : activeAdminIds;
        foreach (var e in change.Events)
        {
            switch (e.Type)
            {
                case TicketEventType.Created when ticket.Assignee is null:
                    Tell(e, NotificationType.TicketCreated, activeAdminIds, DataFor(ticket, e, comment: null));
                    break;
                case TicketEventType.Assigned when ticket.Assignee is { } newAssignee:
                    Tell(e, NotificationType.TicketAssigned, [newAssignee.Id], DataFor(ticket, e, comment: null));
                    break;
                case TicketEventType.Commented when change.Comment is { } comment:
                    var excerpt = DataFor(ticket, e, comment);
                    TellMentioned(e, comment);
                    if (comment.Internal)
                        Tell(e, NotificationType.TicketCommented, [ticket.Assignee?.Id], excerpt);
                    else if (ticket.IsOnRequesterSide(comment.Author.Id))
                        Tell(e, NotificationType.TicketCommented, [.. assigneeOrAdmins, .. requesterSide], excerpt);
                    else
                        Tell(e, NotificationType.TicketCommented, [.. requesterSide, ticket.Assignee?.Id], excerpt);
                    Tell(e, NotificationType.TicketUpdated, followers, excerpt);
                    break;
                case TicketEventType.StatusChanged:
                    var move = e.Data.Deserialize<StatusMove>(Json.Options)!;
                    // The requester's (or a CC's) comment resumed the ticket: the comment already tells the assignee and followers.
                    if (move.Reason == "requester_commented") break;
                    var requesterMoved = actorId == ticket.Requester.Id
                        && (move.To == TicketStatus.Closed || move.From is TicketStatus.Resolved or TicketStatus.Closed);
                    // A move made with a public comment (send and resolve) also tells whom the comment would have told.
                    var toAssignee = requesterMoved || move.CommentId is not null;
                    var moved = DataFor(ticket, e, comment: null);
                    Tell(e, NotificationType.StatusChanged, [.. requesterSide, toAssignee ? ticket.Assignee?.Id : null], moved);
                    // Those the move tells hear of its comment as the move; the others it mentions, as a mention.
                    if (move.CommentId is not null && change.Comment is { } reply && reply.Id == move.CommentId) TellMentioned(e, reply);
                    Tell(e, NotificationType.TicketUpdated, followers, moved);
                    break;
                case TicketEventType.SlaWarning:
                    Tell(e, NotificationType.SlaWarning, assigneeOrAdmins, DataFor(ticket, e, comment: null));
                    break;
                case TicketEventType.SatisfactionRated when IsBadRating(e):
                    Tell(e, NotificationType.SatisfactionBad, [ticket.Assignee?.Id, .. activeAdminIds], DataFor(ticket, e, comment: null));
                    break;
                case TicketEventType.SlaBreached when IsEscalation(change, e):
                    Tell(e, NotificationType.SlaBreached, [ticket.Assignee?.Id, .. activeAdminIds], DataFor(ticket, e, comment: null));
                    break;
            }
        }

        return messages.Select(m => new OutboxMessage(
                Guid.CreateVersion7(m.OccurredAt).ToString("N"), ticket.Id, QueueNames.Notifications,
                JsonSerializer.Serialize(m, Json.Options), m.OccurredAt))
            .ToList();
    }

    /// <summary>
    /// What a notification about <paramref name="e"/> tells, from the ticket and (for a comment) the comment as they are:
    /// the planner writes it into the message, and the delivery writes it again from the store, so a message's own
    /// words are never what people read. The files named are the ones the event's change attached: the ticket's own
    /// when it was opened (and assigned as it opened), the comment's, or — for a move made with a public comment —
    /// the ones its history records (an internal note's are never recorded on the move).
    /// </summary>
    public static NotificationData DataFor(Ticket ticket, TicketEvent e, Comment? comment)
    {
        var basics = new NotificationData { Number = ticket.Number, Title = ticket.Title };
        return e.Type switch
        {
            TicketEventType.Created => basics with { AttachmentNames = Names(ticket.Attachments.Where(a => !a.Internal).Select(a => a.FileName)) },
            TicketEventType.Assigned when e.At == ticket.CreatedAt =>
                basics with { AttachmentNames = Names(ticket.Attachments.Where(a => !a.Internal).Select(a => a.FileName)) },
            TicketEventType.Commented when comment is not null => basics with
            {
                Excerpt = Excerpt(comment.Body),
                Internal = comment.Internal,
                AttachmentNames = Names(comment.Attachments.Select(a => a.FileName)),
            },
            TicketEventType.StatusChanged when e.Data.Deserialize<StatusMove>(Json.Options) is { } move =>
                basics with { From = move.From, To = move.To, Note = move.Note, AttachmentNames = Names((move.Attachments ?? []).Select(a => a.FileName)) },
            TicketEventType.SlaWarning or TicketEventType.SlaBreached => basics with { Target = Target(e), DueAt = DueAt(e) },
            TicketEventType.SatisfactionRated when e.Data.Deserialize<SatisfactionRatedData>(Json.Options)?.Comment is { } said =>
                basics with { Excerpt = Excerpt(said) },
            _ => basics,
        };
    }

    /// <summary>What a <c>mentioned</c> notification tells: the comment's start, its internal mark and its files, whatever event carries it.</summary>
    public static NotificationData MentionDataFor(Ticket ticket, Comment comment) => new()
    {
        Number = ticket.Number,
        Title = ticket.Title,
        Excerpt = Excerpt(comment.Body),
        Internal = comment.Internal,
        AttachmentNames = Names(comment.Attachments.Select(a => a.FileName)),
    };

    /// <summary>Null for none, so a notification without files is stored exactly as before.</summary>
    private static List<string>? Names(IEnumerable<string> names) => names.ToList() is { Count: > 0 } list ? list : null;

    /// <summary>The notification an event of this type is told as, if any.</summary>
    public static NotificationType? TypeOf(TicketEventType type) => type switch
    {
        TicketEventType.Created => NotificationType.TicketCreated,
        TicketEventType.Assigned => NotificationType.TicketAssigned,
        TicketEventType.Commented => NotificationType.TicketCommented,
        TicketEventType.StatusChanged => NotificationType.StatusChanged,
        TicketEventType.SlaWarning => NotificationType.SlaWarning,
        TicketEventType.SlaBreached => NotificationType.SlaBreached,
        TicketEventType.SatisfactionRated => NotificationType.SatisfactionBad,
        _ => null,
    };

    /// <summary>
    /// Whether a notification of <paramref name="type"/> may tell an event of <paramref name="eventType"/> (delivery checks
    /// it): the event's own notification, or a mention of its comment or a follower's notice of a comment or a move.
    /// </summary>
    public static bool Tells(NotificationType type, TicketEventType eventType) =>
        TypeOf(eventType) == type
        || (type is NotificationType.TicketUpdated or NotificationType.Mentioned && eventType is TicketEventType.Commented or TicketEventType.StatusChanged);

    /// <summary>A breach is told when the SLA check escalates it; one recorded while closing a late ticket is history only.</summary>
    private static bool IsEscalation(TicketChange change, TicketEvent breach) =>
        change.Events.Any(e => e.Type == TicketEventType.Escalated && e.At == breach.At);

    private static bool IsBadRating(TicketEvent e) =>
        e.Type == TicketEventType.SatisfactionRated && e.Data.Deserialize<SatisfactionRatedData>(Json.Options)?.Rating == SatisfactionRating.Bad;

    private static string Excerpt(string body)
    {
        if (body.Length <= ExcerptLength) return body;
        var cut = ExcerptLength - 1;
        if (char.IsHighSurrogate(body[cut - 1])) cut--; // never split a character in two
        return body[..cut] + "…";
    }

    private static string? Target(TicketEvent e) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("target", out var t) ? t.GetString() : null;

    private static DateTimeOffset? DueAt(TicketEvent e) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("dueAt", out var d) && d.TryGetDateTimeOffset(out var at) ? at : null;

    private sealed record StatusMove(
        TicketStatus From, TicketStatus To, string? Note, string? Reason, string? CommentId, IReadOnlyList<Attachments.AttachedFile>? Attachments);
}
