using Microsoft.Extensions.Logging;
using Tickets.Attachments;
using Tickets.Administration.Categories;
using Tickets.Administration.Teams;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Sla;
using Tickets.Sla.Policies;
using Tickets.Users;

namespace Tickets.Tickets;

/// <summary>
/// Everything the ticket routes do, as the signed-in caller. Reads enforce visibility (404 for what the caller
/// may not see); writes are read-modify-write with the ETag: with If-Match a stale tag is a 412, without it a
/// concurrent change is re-read and the change re-applied, so no update is lost.
/// </summary>
public sealed partial class TicketService(
    ITicketStore store,
    IUserStore users,
    CurrentUser me,
    TicketRules rules,
    CategoryCatalogs categories,
    TeamDirectories teams,
    ITeamStore teamStore,
    SlaPolicies policies,
    AutoAssigner autoAssigner,
    TicketOutbox outbox,
    TicketWriter writer,
    AttachmentClaims attachments,
    SignedCursors cursors,
    TimeProvider time,
    ILogger<TicketService> logger)
{
    private Actor Caller => Actor.Of(me.User) with { Channel = me.Channel };

    public Task<Result<Ticket>> CreateAsync(CreateTicketRequest request, CancellationToken cancellationToken) => CreateAsync(request, null, cancellationToken);

    /// <param name="id">
    /// The new ticket's id, when a retry may already have made it (an Idempotency-Key's): a ticket with this id is
    /// answered as made, before the write and when the write finds it taken. Null: a new id.
    /// </param>
    public async Task<Result<Ticket>> CreateAsync(CreateTicketRequest request, string? id, CancellationToken cancellationToken)
    {
        // Validate before taking a number, so bad input leaves no gap and nothing stored. The categories and teams come
        // from the short-lived caches: a create reads no configuration from the store in the steady state.
        var checks = await RulesAsync(cancellationToken);
        if (request.Validate(checks).ToError() is { } invalid) return invalid;
        IReadOnlyList<TicketPerson> ccs = [];
        if (request.CcIds is not null)
        {
            var resolved = await TicketCcs.ResolveAsync(users, request.CcIds, me.Id, cancellationToken);
            if (!resolved.IsSuccess) return resolved.Error!;
            ccs = resolved.Value;
        }

        if (id is not null && await store.FindAsync(id, cancellationToken) is { } made) return made;

        // A ticket with a category goes to that category's team (if it is active), then is assigned by the team's mode.
        var category = checks.Categories.Find(request.Category);
        var team = category?.TeamId is { } teamId && (await teams.GetAsync(cancellationToken)).Find(teamId) is { Active: true } routed ? routed : null;
        var assignee = await autoAssigner.PickAsync(team, cancellationToken);
        // The category's SLA policy (or the default one), at its newest version.
        var sla = checks.WithSla(await policies.ForNewTicketAsync(category?.SlaPolicyId, cancellationToken));
        var now = time.GetUtcNow();
        id ??= Guid.CreateVersion7(now).ToString("N");
        // Read before the write (the plan is made inside it): an unassigned new ticket is announced to the admins.
        var admins = await outbox.ActiveAdminsAsync(cancellationToken);

        // The files are claimed for this ticket before its write (a retry under the same id claims them again), given
        // back if the write does not happen, and confirmed once it did.
        var target = new AttachmentTarget(id, null, Internal: false);
        var claimed = await attachments.ClaimAsync(request.AttachmentIds, me.Id, target, cancellationToken);
        if (!claimed.IsSuccess) return claimed.Error!;

        // The store takes the number in the same write as the ticket (one commit on SQLite); building it cannot fail,
        // since the request passed the same validation above.
        TicketChange? change = null;
        Ticket? created;
        try
        {
            created = await store.CreateAsync(number =>
            {
                var opened = Ticket.Create(id, number, request, Caller, sla, now, assignee, team?.Reference, claimed.Value, ccs);
                if (!opened.IsSuccess) throw new InvalidOperationException($"A validated ticket was refused: {opened.Error!.Code}.");
                return change = outbox.Attach(null, opened.Value, Caller, admins);
            }, cancellationToken);
        }
        catch
        {
            await attachments.ReleaseAsync(claimed.Value, target);
            throw;
        }

        if (created is null)
            return await store.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Ticket {id} was refused as existing but cannot be read.");

        await attachments.MarkAttachedAsync(claimed.Value, target);
        outbox.Dispatch(change!);
        LogCreated(logger, created.DisplayNumber, created.Id, me.Id);
        return created;
    }

    public async Task<Result<Ticket>> GetAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        var ticket = Ticket.TryParseNumber(idOrNumber, out var number) ? await store.FindByNumberAsync(number, cancellationToken)
            : Ids.IsWellFormed(idOrNumber) ? await store.FindAsync(idOrNumber, cancellationToken)
            : null;
        return ticket is not null && ticket.IsVisibleTo(Caller) ? ticket : Error.NotFound("ticket");
    }

    /// <summary>Changing the category does not move the ticket to another team (staff do that with <see cref="MoveToTeamAsync"/>).</summary>
    public async Task<Result<Ticket>> UpdateAsync(string idOrNumber, UpdateTicketRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        return (await ChangeAsync(idOrNumber, ifMatch, async ticket => ticket.Edit(Caller, request, await RulesForAsync(ticket, cancellationToken), time.GetUtcNow()), cancellationToken))
            .Map(change => change.Ticket);
    }

    /// <summary>Staff move a ticket to another team (or none); history <c>team_changed</c>. The assignee stays.</summary>
    public async Task<Result<Ticket>> MoveToTeamAsync(string idOrNumber, MoveTeamRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        TicketTeam? team = null;
        if (request.TeamId is { } teamId)
        {
            // An unknown id may be a team just made on another instance: the store decides before it is refused.
            var found = Ids.IsWellFormed(teamId)
                ? (await teams.GetAsync(cancellationToken)).Find(teamId) ?? await teamStore.FindAsync(teamId, cancellationToken)
                : null;
            if (found is not { Active: true }) return Error.Field("teamId", FieldCodes.NotAllowed, "Must be the id of an active team, or null for none.");
            team = found.Reference;
        }

        return (await ChangeAsync(idOrNumber, ifMatch, ticket => Task.FromResult(ticket.MoveToTeam(Caller, team, time.GetUtcNow())), cancellationToken))
            .Map(change => change.Ticket);
    }

    /// <summary>
    /// Staff replace a ticket's tags (<see cref="SetTagsRequest"/>; 400 naming <c>tags</c>); history <c>tags_changed</c>.
    /// Requesters are refused by the aggregate (403). Bulk tagging calls this once per ticket.
    /// </summary>
    public async Task<Result<Ticket>> SetTagsAsync(string idOrNumber, SetTagsRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        var tags = request.Normalized();
        if (!tags.IsSuccess) return tags.Error!;
        return (await ChangeAsync(idOrNumber, ifMatch, ticket => Task.FromResult(ticket.SetTags(Caller, tags.Value, time.GetUtcNow())), cancellationToken))
            .Map(change => change.Ticket);
    }

    /// <summary>
    /// <c>GET /tags?q=</c>: the most used tags starting with <paramref name="q"/> (normalised as tags are), for completion;
    /// staff only (the route's gate), at most <see cref="TagSuggestions"/>.
    /// </summary>
    public async Task<Result<TagCompletion>> TagsAsync(string? q, CancellationToken cancellationToken)
    {
        var prefix = TicketTags.Normalize(q);
        if ((q is not null && Text.Problem(q) is not null) || prefix.Length > TicketTags.MaxLength)
            return Error.Field("q", FieldCodes.InvalidCharacters, $"Must be at most {TicketTags.MaxLength} characters of a tag.");
        return new TagCompletion(await store.ListTagsAsync(prefix, TagSuggestions, cancellationToken));
    }

    /// <summary>How many tags a completion answers with.</summary>
    public const int TagSuggestions = 20;

    public async Task<Result> DeleteAsync(string idOrNumber, string? ifMatch, CancellationToken cancellationToken)
    {
        var deleted = await ChangeAsync(idOrNumber, ifMatch, ticket => Task.FromResult(ticket.Delete(Caller, time.GetUtcNow())), cancellationToken);
        return deleted.IsSuccess ? Result.Success : deleted.Error!;
    }

    public async Task<Result<Ticket>> AssignAsync(string idOrNumber, AssignRequest request, string? ifMatch, CancellationToken cancellationToken) =>
        (await ChangeAsync(idOrNumber, ifMatch, async ticket =>
        {
            // Users are refused by the aggregate before anything about the proposed assignee is revealed.
            if (!Caller.IsStaff || request.AssigneeId is null) return ticket.Assign(Caller, null, time.GetUtcNow());

            var target = Ids.IsWellFormed(request.AssigneeId) ? await users.FindByIdAsync(request.AssigneeId, cancellationToken) : null;
            if (target is not { Active: true, IsStaff: true })
                return Error.Field("assigneeId", FieldCodes.NotStaff, "Must be the id of an active technician or admin.");
            return ticket.Assign(Caller, new Assignee(target.Id, target.FullName), time.GetUtcNow());
        }, cancellationToken)).Map(change => change.Ticket);

    public async Task<Result<Ticket>> ChangeStatusAsync(string idOrNumber, StatusChangeRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        if (request.Validate().ToError() is { } invalid) return invalid;
        var status = request.StatusValue!.Value;
        return (await ChangeAsync(idOrNumber, ifMatch, async ticket => ticket.ChangeStatus(Caller, status, request.Note, await RulesForAsync(ticket, cancellationToken), time.GetUtcNow()), cancellationToken))
            .Map(change => change.Ticket);
    }

    public async Task<Result<TransitionsView>> TransitionsAsync(string idOrNumber, CancellationToken cancellationToken) =>
        (await GetAsync(idOrNumber, cancellationToken)).Map(ticket => new TransitionsView(ticket.Status, ticket.TransitionsFor(Caller)));

    public async Task<Result<Comment>> CommentAsync(string idOrNumber, CommentRequest request, CancellationToken cancellationToken) =>
        (await CommentAsync(idOrNumber, request, null, null, cancellationToken)).Map(change => change.Comment!);

    /// <summary>
    /// A comment, and with <see cref="CommentRequest.Status"/> the move it makes, as one change: the answer is the change,
    /// its comment and the ticket with its new ETag.
    /// </summary>
    /// <param name="id">
    /// The comment's id, when a retry may already have written it (an Idempotency-Key's): looked for with each read of
    /// the ticket, so a comment written by an earlier attempt is answered, and never written twice (the write is
    /// conditional on the ticket read, and a comment changes its ticket). Null: a new id.
    /// </param>
    /// <param name="ifMatch">The caller's <c>If-Match</c>: a ticket changed since answers 412 (unless it changed by this very comment).</param>
    public async Task<Result<TicketChange>> CommentAsync(string idOrNumber, CommentRequest request, string? id, string? ifMatch, CancellationToken cancellationToken)
    {
        var commentId = id ?? Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        // A retry whose first attempt wrote the comment (and so changed the ticket) is answered, not refused as stale.
        if (id is not null && ifMatch is not null && await GetAsync(idOrNumber, cancellationToken) is { IsSuccess: true } seen
            && await store.FindCommentAsync(seen.Value.Id, commentId, cancellationToken) is { } written)
            return new TicketChange(seen.Value, [], written);

        var mentioned = await MentionedAsync(request, cancellationToken);
        if (!mentioned.IsSuccess) return mentioned.Error!;
        if (request.AttachmentIds is not { Count: > 0 })
        {
            return await ChangeAsync(idOrNumber, ifMatch, async ticket =>
                id is not null && await store.FindCommentAsync(ticket.Id, commentId, cancellationToken) is { } made
                    ? new TicketChange(ticket, [], made)
                    : ticket.AddComment(Caller, commentId, request, await RulesForAsync(ticket, cancellationToken), time.GetUtcNow(), mentioned: mentioned.Value),
                cancellationToken);
        }

        // With files: the comment is checked as it will be made (so a refused one claims nothing), its files claimed for
        // it (again on a re-read: the claim is the same), given back if it is not written, and confirmed once it is.
        if (request.Validate().ToError() is { } invalid) return invalid;
        AttachmentTarget? target = null;
        Upload[] claimed = [];
        Result<TicketChange> outcome;
        try
        {
            outcome = await ChangeAsync(idOrNumber, ifMatch, async ticket =>
            {
                if (id is not null && await store.FindCommentAsync(ticket.Id, commentId, cancellationToken) is { } made) return new TicketChange(ticket, [], made);
                var rules = await RulesForAsync(ticket, cancellationToken);
                var refused = ticket.AddComment(Caller, commentId, request with { AttachmentIds = null }, rules, time.GetUtcNow(), mentioned: mentioned.Value);
                if (!refused.IsSuccess) return refused;

                target = new AttachmentTarget(ticket.Id, commentId, request.Internal == true);
                var files = await attachments.ClaimAsync(request.AttachmentIds, me.Id, target, cancellationToken);
                if (!files.IsSuccess) return files.Error!;
                claimed = files.Value;
                return ticket.AddComment(Caller, commentId, request, rules, time.GetUtcNow(), claimed, mentioned: mentioned.Value);
            }, cancellationToken);
        }
        catch
        {
            if (target is not null) await attachments.ReleaseAsync(claimed, target);
            throw;
        }

        if (target is not null)
        {
            if (outcome.IsSuccess && outcome.Value.Comment?.Id == commentId) await attachments.MarkAttachedAsync(claimed, target);
            else if (!outcome.IsSuccess) await attachments.ReleaseAsync(claimed, target);
        }

        return outcome;
    }

    /// <summary>
    /// A canned response: the reply <paramref name="compose"/> writes for the ticket as read (placeholders filled in), with
    /// its status move and <paramref name="priority"/>, as one change by the caller under the comment's rules.
    /// </summary>
    /// <param name="id">The comment's id when a retry may already have written it (an Idempotency-Key's), as in <see cref="CommentAsync(string, CommentRequest, string?, string?, CancellationToken)"/>.</param>
    public async Task<Result<TicketChange>> ApplyMacroAsync(
        string idOrNumber, Func<Ticket, CancellationToken, Task<CommentRequest>> compose, Priority? priority, string? id, string? ifMatch,
        CancellationToken cancellationToken)
    {
        // A retry whose first attempt wrote the reply (and so changed the ticket) is answered, not refused as stale.
        if (id is not null && ifMatch is not null && await GetAsync(idOrNumber, cancellationToken) is { IsSuccess: true } seen
            && await store.FindCommentAsync(seen.Value.Id, id, cancellationToken) is { } written)
            return new TicketChange(seen.Value, [], written);

        var commentId = id ?? Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        return await ChangeAsync(idOrNumber, ifMatch, async ticket =>
        {
            if (id is not null && await store.FindCommentAsync(ticket.Id, id, cancellationToken) is { } made) return new TicketChange(ticket, [], made);
            return ticket.AddComment(Caller, commentId, await compose(ticket, cancellationToken), await RulesForAsync(ticket, cancellationToken),
                time.GetUtcNow(), priority: priority);
        }, cancellationToken);
    }

    /// <summary><c>GET /tickets/{id}/sla</c>: the clock, its pauses and its event log, for whoever can see the ticket.</summary>
    /// <summary>The requester's contact details for staff; the route lets only staff in, and the ticket must be visible.</summary>
    public async Task<Result<RequesterContact>> RequesterContactAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        var found = await GetAsync(idOrNumber, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        if (!Caller.IsStaff) return Error.NotFound("ticket");

        var requester = found.Value.Requester;
        var account = await users.FindByIdAsync(requester.Id, cancellationToken);
        return account is null
            ? Error.NotFound("requester")
            : new RequesterContact(account.Id, account.FullName, account.Department, account.Email, account.Phone, account.Active);
    }

    public async Task<Result<SlaReport>> SlaAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        var found = await GetAsync(idOrNumber, cancellationToken);
        if (!found.IsSuccess) return found.Error!;

        var history = new List<TicketEvent>();
        string? cursor = null;
        do
        {
            var page = await store.ListHistoryAsync(found.Value.Id, Caller.IsStaff, new PageRequest(PageRequest.MaxLimit, cursor, false), cancellationToken);
            history.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return SlaReport.Build(found.Value, history, await policies.ForTicketAsync(found.Value.Sla, cancellationToken), time.GetUtcNow());
    }

    public async Task<Result<Page<Comment>>> ListCommentsAsync(string idOrNumber, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var target = await PageOfVisibleTicketAsync("comments", idOrNumber, limit, cursor, cancellationToken);
        if (!target.IsSuccess) return target.Error!;
        var (ticketId, page) = target.Value;
        return cursors.Sign($"comments:{ticketId}", await store.ListCommentsAsync(ticketId, Caller.IsStaff, page, cancellationToken));
    }

    /// <summary>One comment; an internal note is invisible (404) to users, like a ticket they may not see.</summary>
    public async Task<Result<Comment>> GetCommentAsync(string idOrNumber, string commentId, CancellationToken cancellationToken)
    {
        var ticket = await GetAsync(idOrNumber, cancellationToken);
        if (!ticket.IsSuccess) return ticket.Error!;
        var comment = await store.FindCommentAsync(ticket.Value.Id, commentId, cancellationToken);
        return comment is not null && (!comment.Internal || Caller.IsStaff) ? comment : Error.NotFound("comment");
    }

    public async Task<Result<Page<TicketEvent>>> HistoryAsync(string idOrNumber, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var target = await PageOfVisibleTicketAsync("history", idOrNumber, limit, cursor, cancellationToken);
        if (!target.IsSuccess) return target.Error!;
        var (ticketId, page) = target.Value;
        // Staff see everything; a requester only what concerns them (RequesterTimeline), filtered by the store's query.
        var events = Caller.IsStaff
            ? await store.ListHistoryAsync(ticketId, includeInternal: true, page, cancellationToken)
            : (await store.ListHistoryAsync(ticketId, RequesterTimeline.Types, page, cancellationToken)).Map(RequesterTimeline.Redact);
        return cursors.Sign($"history:{ticketId}", events);
    }

    /// <summary>
    /// Paging arguments of a per-ticket list (400 if bad) and the ticket, if the caller may see it (else 404). The
    /// cursor is bound to the ticket, so it is checked once the ticket is known to be visible.
    /// </summary>
    private async Task<Result<(string TicketId, PageRequest Page)>> PageOfVisibleTicketAsync(
        string list, string idOrNumber, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var v = new Validator();
        var page = PageRequest.Parse(v, limit, cursor, null);
        if (v.ToError() is { } invalid) return invalid;

        var ticket = await GetAsync(idOrNumber, cancellationToken);
        if (!ticket.IsSuccess) return ticket.Error!;

        page = cursors.Open(v, $"{list}:{ticket.Value.Id}", page);
        if (page.Cursor is not null && !TicketKeyset.IsSequenceCursor(page.Cursor)) v.Add("cursor", FieldCodes.InvalidCursor, "Is not a cursor from this list.");
        return v.ToError() is { } badCursor ? badCursor : (ticket.Value.Id, page);
    }

    /// <summary>
    /// The requester rates the ticket's current resolution (<see cref="Ticket.Rate"/>): others 403, nothing to rate or rated
    /// already 409; history <c>satisfaction_rated</c>, and a bad rating tells the assignee and the active admins.
    /// </summary>
    public async Task<Result<Ticket>> RateAsync(string idOrNumber, SatisfactionRequest request, CancellationToken cancellationToken)
    {
        var parsed = request.Parsed();
        if (!parsed.IsSuccess) return parsed.Error!;
        var (rating, comment) = parsed.Value;
        return (await ChangeAsync(idOrNumber, null, ticket => Task.FromResult(ticket.Rate(Caller, rating, comment, time.GetUtcNow())), cancellationToken))
            .Map(change => change.Ticket);
    }

    public async Task<Result<Page<Ticket>>> ListAsync(TicketListParameters parameters, CancellationToken cancellationToken)
    {
        var list = $"tickets:{me.Id}";
        var myTeams = parameters.AsksForMyTeams ? (await teams.GetAsync(cancellationToken)).TeamsOf(me.Id) : null;
        var parsed = parameters.Parse(me.User, cursors, list, time.GetUtcNow(), myTeams);
        if (!parsed.IsSuccess) return parsed.Error!;
        return cursors.Sign(parsed.Value.CursorList, await store.ListAsync(parsed.Value, cancellationToken));
    }

    /// <summary>The ticket rules over the stored categories, as this instance last read them.</summary>
    private async ValueTask<TicketRules> RulesAsync(CancellationToken cancellationToken) =>
        rules.WithCategories(await categories.GetAsync(cancellationToken));

    /// <summary>The rules over the stored categories, measuring with the ticket's own SLA policy version.</summary>
    private async Task<TicketRules> RulesForAsync(Ticket ticket, CancellationToken cancellationToken) =>
        (await RulesAsync(cancellationToken)).WithSla(await policies.ForTicketAsync(ticket.Sla, cancellationToken));

    /// <summary>A change by the caller to a ticket it can see, through the one <see cref="TicketWriter"/>.</summary>
    private Task<Result<TicketChange>> ChangeAsync(
        string idOrNumber, string? ifMatch, Func<Ticket, Task<Result<TicketChange>>> change, CancellationToken cancellationToken) =>
        writer.WriteAsync(ct => GetAsync(idOrNumber, ct), ifMatch, Caller, change, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {Number} ({TicketId}) created by {UserId}")]
    private static partial void LogCreated(ILogger logger, string number, string ticketId, string userId);
}
