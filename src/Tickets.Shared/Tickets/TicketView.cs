using Tickets.Common;
using Tickets.Sla;
using Tickets.Sla.Policies;

namespace Tickets.Tickets;

/// <summary>The ticket as the API shows it to one caller, with what that caller may do to it now.</summary>
public sealed record TicketView(
    string Id,
    string Number,
    string Title,
    string Description,
    Priority Priority,
    string? Category,
    TicketStatus Status,
    Requester Requester,
    Assignee? Assignee,
    TicketTeam? Team,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    int CommentCount,
    TicketSlaView Sla,
    string Etag,
    TicketActions Actions,
    [property: System.ComponentModel.Description("The files the ticket was opened with (a comment's files are on the comment).")]
    IReadOnlyList<global::Tickets.Attachments.Attachment> Attachments,
    [property: System.ComponentModel.Description("Colleagues the requester copied in: they read and comment on the public side and are told as the requester is.")]
    IReadOnlyList<TicketPerson> Ccs,
    [property: System.ComponentModel.Description("Staff-internal labels (staff only: absent for requesters).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? Tags = null,
    [property: System.ComponentModel.Description("Links to other tickets, each as this ticket sees it (staff only: absent for requesters).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<TicketLink>? Links = null,
    [property: System.ComponentModel.Description("The ticket this one was merged into (it is closed); null when it was not.")]
    TicketReference? MergedInto = null,
    [property: System.ComponentModel.Description("Tickets merged into this one (staff only: absent for requesters).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<TicketReference>? MergedFrom = null,
    [property: System.ComponentModel.Description("Staff following the ticket (staff only: absent for requesters and CCs).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<TicketPerson>? Followers = null,
    [property: System.ComponentModel.Description("The requester's latest rating of a resolution (staff and the requester; absent when never rated).")]
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    SatisfactionView? Satisfaction = null)
{
    public static TicketView Of(Ticket t, SlaStatus sla, Actor caller) => new(
        t.Id, t.DisplayNumber, t.Title, t.Description, t.Priority, t.Category, t.Status, t.Requester, t.Assignee, t.Team,
        t.CreatedAt, t.UpdatedAt, t.FirstResponseAt, t.ResolvedAt, t.ClosedAt, t.CommentCount, TicketSlaView.Of(t.Sla, sla), t.ETag,
        t.ActionsFor(caller), t.Attachments, t.Ccs, TagsFor(t, caller), caller.IsStaff ? t.Links : null, t.MergedInto,
        caller.IsStaff ? t.MergedFrom : null, caller.IsStaff ? t.Followers : null, SatisfactionView.Of(t, caller));

    /// <summary>Tags are staff-internal: a requester's view leaves them out.</summary>
    public static IReadOnlyList<string>? TagsFor(Ticket t, Actor caller) => caller.IsStaff ? t.Tags : null;
}

/// <summary>The rating as the API shows it: good or bad, the comment, when.</summary>
public sealed record SatisfactionView(
    SatisfactionRating Rating,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Comment,
    DateTimeOffset At)
{
    /// <summary>Staff and the requester who gave it see it (with its comment); nobody else sees the ticket anyway.</summary>
    public static SatisfactionView? Of(Ticket t, Actor caller) =>
        t.Satisfaction is { } s && (caller.IsStaff || caller.Id == t.Requester.Id) ? new SatisfactionView(s.Rating, s.Comment, s.At) : null;
}

/// <summary>
/// Builds ticket views for the caller: the SLA evaluated at the time of the answer on each ticket's own policy version
/// (its calendar counts the remaining minutes), the actions the caller may take now.
/// </summary>
public sealed class TicketViews(SlaPolicies policies, TimeProvider time, Identity.CurrentUser me)
{
    public async Task<TicketView> OfAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var policy = await policies.ForTicketAsync(ticket.Sla, cancellationToken);
        return TicketView.Of(ticket, policy.Evaluate(ticket, time.GetUtcNow()), Actor.Of(me.User));
    }

    public async Task<Page<TicketListItem>> ListAsync(Page<Ticket> page, CancellationToken cancellationToken)
    {
        var versions = await policies.ForTicketsAsync(page.Items.Select(t => t.Sla), cancellationToken);
        var now = time.GetUtcNow();
        return page.Map(ticket => TicketListItem.Of(ticket, versions[ticket.Sla.Policy].Evaluate(ticket, now), Actor.Of(me.User)));
    }
}
