using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Identity;
using Tickets.Sla;
using Tickets.Tickets;

namespace Tickets.Functions.Tickets;

/// <summary>
/// The ticket routes. Who may do what is decided by the ticket itself (docs/architecture.md, "Roles and
/// permissions"): 404 for a ticket the caller may not see, 403 for a visible ticket where the action is not the
/// caller's, 409 for a move the status machine does not have, 412 for a stale If-Match. Every ticket answered
/// carries the actions its caller may take now.
/// </summary>
public sealed class TicketFunctions(TicketService tickets, TicketViews views, IdempotentRequests idempotency, CurrentUser me)
{
    [Function("CreateTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(CreateTicketRequest), Headers = RequestHeaders.IdempotencyKey)]
    [Returns(201, typeof(TicketView), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Unprocessable, ErrorKind.Conflict)]
    [Description("Opens a ticket for the caller.")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateTicketRequest>(cancellationToken, input =>
            idempotency.RunAsync(request, "create-ticket", input, async id =>
                await CreatedAsync(await tickets.CreateAsync(input, id, cancellationToken), cancellationToken), cancellationToken));

    [Function("ListTickets")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(TicketListParameters), Headers = RequestHeaders.IfNoneMatch)]
    [Returns(200, typeof(Page<TicketListItem>), Headers = ResponseHeaders.ETag)]
    [Returns(304, Headers = ResponseHeaders.ETag)]
    [Description("Lists the tickets the caller may see (users: their own), filtered, sorted and paged by keyset. The weak ETag names the page's "
        + "tickets and their versions, the total and the next cursor for this caller: sent back in If-None-Match, an unchanged page answers 304.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets")] HttpRequest request, CancellationToken cancellationToken)
    {
        var listed = await tickets.ListAsync(request.QueryAs<TicketListParameters>(), cancellationToken);
        if (!listed.IsSuccess) return Api.Problem(listed.Error!);
        var page = listed.Value;
        return await Api.ConditionalAsync(request, ListTag(page), async () => await views.ListAsync(page, cancellationToken));
    }

    [Function("GetTicket")]
    [Access(Who.SignedIn)]
    [Accepts(Headers = RequestHeaders.IfNoneMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Returns(304, Headers = ResponseHeaders.ETag)]
    [Description("A ticket by id or number (TCK-000123). Its ETag sent back in If-None-Match answers 304 while the ticket is unchanged.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var found = await tickets.GetAsync(id, cancellationToken);
        if (!found.IsSuccess) return Api.Problem(found.Error!);
        var ticket = found.Value;
        return await Api.ConditionalAsync(request, Preconditions.Quote(ticket.ETag), async () => await views.OfAsync(ticket, cancellationToken));
    }

    [Function("UpdateTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(UpdateTicketRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.PreconditionFailed)]
    [Description("Changes title, description, category or priority; absent fields stay, an empty category clears it.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateTicketRequest>(cancellationToken, async input =>
            await OkAsync(await tickets.UpdateAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("DeleteTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(Headers = RequestHeaders.IfMatch)]
    [Returns(204)]
    [Fails(ErrorKind.Forbidden, ErrorKind.PreconditionFailed)]
    [Description("Soft delete: the ticket is kept for audit and disappears for everyone.")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.DeleteAsync(id, request.IfMatch(), cancellationToken), Api.NoContent);

    [Function("AssignTicket")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(AssignRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict, ErrorKind.PreconditionFailed)]
    [Description("Assigns (admins: anyone active on staff; technicians: themselves on an unassigned ticket) or unassigns (null).")]
    public Task<IActionResult> Assign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/assignee")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<AssignRequest>(cancellationToken, async input =>
            await OkAsync(await tickets.AssignAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("MoveTicketToTeam")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(MoveTeamRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Conflict, ErrorKind.PreconditionFailed)]
    [Description("Moves the ticket to another active team (null: none), recorded as team_changed; the assignee stays. Not a closed ticket (409).")]
    public Task<IActionResult> MoveToTeam(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/team")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<MoveTeamRequest>(cancellationToken, async input =>
            await OkAsync(await tickets.MoveToTeamAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("SetTicketTags")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(SetTagsRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.PreconditionFailed)]
    [Description("Replaces the ticket's tags (staff-internal labels, stored lower case without accents, at most 20), recorded as tags_changed.")]
    public Task<IActionResult> SetTags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/tags")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<SetTagsRequest>(cancellationToken, async input =>
            await OkAsync(await tickets.SetTagsAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("ListTags")]
    [Access(Who.Staff)]
    [Accepts(Query = typeof(TagParameters))]
    [Returns(200, typeof(TagCompletion))]
    [Description("Completion for tags: the most used tags starting with q (compared as stored), with how many tickets carry each; at most 20.")]
    public async Task<IActionResult> Tags(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tags")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await tickets.TagsAsync(request.QueryAs<TagParameters>().Q, cancellationToken), Api.Ok);

    [Function("ChangeTicketStatus")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(StatusChangeRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict, ErrorKind.PreconditionFailed)]
    [Description("Moves the ticket through the status machine; a 409 lists the moves allowed now.")]
    public Task<IActionResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/status")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<StatusChangeRequest>(cancellationToken, async input =>
            await OkAsync(await tickets.ChangeStatusAsync(id, input, request.IfMatch(), cancellationToken), cancellationToken));

    [Function("TicketTransitions")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(TransitionsView))]
    [Description("The status moves the caller may make now.")]
    public async Task<IActionResult> Transitions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/transitions")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.TransitionsAsync(id, cancellationToken), Api.Ok);

    [Function("TicketSla")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(SlaReport))]
    [Description("The SLA clock: policy, due times, remaining minutes, met/breached, pauses and the SLA event log.")]
    public async Task<IActionResult> Sla(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/sla")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.SlaAsync(id, cancellationToken), Api.Ok);

    [Function("TicketRequester")]
    [Access(Who.Staff)]
    [Returns(200, typeof(RequesterContact))]
    [Description("How to reach the requester (e-mail, phone, department, from their account now); staff only.")]
    public async Task<IActionResult> Requester(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/requester")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.RequesterContactAsync(id, cancellationToken), Api.Ok);

    [Function("TicketHistory")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(PageParameters))]
    [Returns(200, typeof(Page<TicketEvent>))]
    [Description("Everything that happened to the ticket, oldest first; users do not see events about internal notes.")]
    public async Task<IActionResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/history")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var page = request.QueryAs<PageParameters>();
        return Api.From(await tickets.HistoryAsync(id, page.Limit, page.Cursor, cancellationToken), Api.Ok);
    }

    [Function("ListComments")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(PageParameters))]
    [Returns(200, typeof(Page<Comment>))]
    [Description("Comments oldest first; internal notes for staff only.")]
    public async Task<IActionResult> ListComments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/comments")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var page = request.QueryAs<PageParameters>();
        return Api.From(await tickets.ListCommentsAsync(id, page.Limit, page.Cursor, cancellationToken), Api.Ok);
    }

    [Function("GetComment")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(Comment))]
    [Description("One comment (where a new comment's Location points); an internal note is staff only.")]
    public async Task<IActionResult> GetComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/comments/{commentId}")] HttpRequest request, string id, string commentId,
        CancellationToken cancellationToken) =>
        Api.From(await tickets.GetCommentAsync(id, commentId, cancellationToken), Api.Ok);

    [Function("AddComment")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(CommentRequest), Headers = RequestHeaders.IdempotencyKey | RequestHeaders.IfMatch)]
    [Returns(201, typeof(Comment), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict, ErrorKind.Unprocessable, ErrorKind.PreconditionFailed)]
    [Description("A public comment, or an internal note (staff). A requester's comment resumes a ticket on hold. With status, the comment also "
        + "moves the ticket in the same change (send and resolve), under the rules of PUT /tickets/{id}/status: a public comment is the move's note. "
        + "The ETag is the ticket's after the change.")]
    public Task<IActionResult> AddComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/comments")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CommentRequest>(cancellationToken, input =>
            idempotency.RunAsync(request, $"comment:{id}", input, async commentId =>
                Api.From(await tickets.CommentAsync(id, input, commentId, request.IfMatch(), cancellationToken),
                    c => Api.Created($"/api/tickets/{c.Ticket.Id}/comments/{c.Comment!.Id}", c.Comment, Preconditions.Quote(c.Ticket.ETag))), cancellationToken));

    /// <summary>The ticket as its caller sees it, with its ETag; or the failure's problem.</summary>
    private async Task<IActionResult> OkAsync(Result<Ticket> result, CancellationToken cancellationToken) =>
        result.IsSuccess ? Api.Ok(await views.OfAsync(result.Value, cancellationToken), result.Value.ETag) : Api.Problem(result.Error!);

    private async Task<IActionResult> CreatedAsync(Result<Ticket> result, CancellationToken cancellationToken) =>
        result.IsSuccess
            ? Api.Created($"/api/tickets/{result.Value.Id}", await views.OfAsync(result.Value, cancellationToken), Preconditions.Quote(result.Value.ETag))
            : Api.Problem(result.Error!);

    /// <summary>
    /// The list page's weak tag: who asks (the actions on each item are theirs), each ticket's id and version, the total
    /// and the next cursor. Not the SLA's minutes left: a client counts those down from the due times it holds.
    /// </summary>
    private string ListTag(Page<Ticket> page)
    {
        using var tag = new WeakETag("tickets").Add(me.Id).Add(Json.EnumName(me.Role));
        foreach (var ticket in page.Items) tag.Add(ticket.Id).Add(ticket.ETag);
        return tag.Add(page.Total).Add(page.NextCursor).Build();
    }
}
