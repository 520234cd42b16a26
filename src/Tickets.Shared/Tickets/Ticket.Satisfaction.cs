using System.Text.Json.Serialization;
using Tickets.Common;
using Tickets.Tickets.History;
using static Tickets.Tickets.TicketStatus;

namespace Tickets.Tickets;

/// <summary>Satisfaction: the requester rates each resolution once, in the app or from the resolved e-mail.</summary>
public sealed partial record Ticket
{
    /// <summary>The latest rating of a resolution of the ticket, if any (also kept as the stores' report projection).</summary>
    public TicketSatisfaction? Satisfaction { get; init; }

    /// <summary>
    /// The resolution the ticket stands on may be rated: resolved, or closed after a resolution (until reopened), and that
    /// resolution not rated yet. A ticket closed without being resolved has nothing to rate.
    /// </summary>
    [JsonIgnore]
    public bool AwaitsSatisfaction => DeletedAt is null && Status is Resolved or Closed && ResolvedAt is { } resolvedAt && Satisfaction?.ResolvedAt != resolvedAt;

    /// <summary>
    /// The requester rates the ticket's current resolution: 403 for anyone else, 409 <c>not_resolved</c> when there is no
    /// resolution to rate, 409 <c>already_rated</c> when this one has its rating. History <c>satisfaction_rated</c>.
    /// </summary>
    /// <param name="comment">Already validated (at most <see cref="TicketSatisfaction.CommentMax"/>); blank is none.</param>
    /// <param name="channel">How it was given when not in the app (an e-mail's link), noted in the history and on the rating.</param>
    public Result<TicketChange> Rate(Actor actor, SatisfactionRating rating, string? comment, DateTimeOffset now, string? channel = null)
    {
        if (!TicketPermissions.MayRate(this, actor)) return Error.Forbidden("Only the ticket's requester rates its resolution.");
        if (Status is not (Resolved or Closed) || ResolvedAt is not { } resolvedAt)
            return Error.Conflict("not_resolved", "Only a resolved ticket (or one closed after its resolution) can be rated.");
        if (Satisfaction?.ResolvedAt == resolvedAt)
            return Error.Conflict("already_rated", "This resolution has been rated already; a reopening and a new resolution ask again.");

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return new Recorder(Id, actor, now)
            .Add(TicketEventType.SatisfactionRated, new SatisfactionRatedData(rating, comment) { Channel = channel })
            .Build(Touch(now) with { Satisfaction = new TicketSatisfaction(rating, comment, now, resolvedAt) { Channel = channel } });
    }

    /// <summary>
    /// The comment that follows a rating given through an e-mail's link (the page records the click, then offers the
    /// comment): only on the current resolution's rating, given through <paramref name="channel"/> with the same rating and
    /// no comment yet; else 409 <c>already_rated</c>. History <c>satisfaction_commented</c>.
    /// </summary>
    public Result<TicketChange> CommentSatisfaction(Actor actor, SatisfactionRating rating, string comment, DateTimeOffset now, string channel)
    {
        if (!TicketPermissions.MayRate(this, actor)) return Error.Forbidden("Only the ticket's requester rates its resolution.");
        if (Satisfaction is not { Comment: null } rated || rated.ResolvedAt != ResolvedAt || rated.Rating != rating || rated.Channel != channel)
            return Error.Conflict("already_rated", "This resolution has been rated and commented already.");

        comment = comment.Trim();
        return new Recorder(Id, actor, now)
            .Add(TicketEventType.SatisfactionCommented, new SatisfactionCommentedData(rating, comment) { Channel = channel })
            .Build(Touch(now) with { Satisfaction = rated with { Comment = comment } });
    }
}
