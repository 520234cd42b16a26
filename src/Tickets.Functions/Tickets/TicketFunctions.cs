using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Functions.Http;
using Tickets.Tickets;

namespace Tickets.Functions.Tickets;

/// <summary>
/// The ticket routes. Who may do what is decided by the ticket itself (DESIGN §1–2): 404 for a ticket the caller
/// may not see, 403 for a visible ticket where the action is not the caller's, 409 for a move the status machine
/// does not have, 412 for a stale If-Match.
/// </summary>
public sealed class TicketFunctions(TicketService tickets, TicketViews views, IdempotentRequests idempotency)
{
    [Function("CreateTicket")]
    [Access(Who.SignedIn)]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateTicketRequest>(cancellationToken, input =>
            idempotency.RunAsync(request, "create-ticket", input, async () =>
                Api.From(await tickets.CreateAsync(input, cancellationToken),
                    t => Api.Created($"/api/tickets/{t.Id}", views.Of(t), Preconditions.Quote(t.ETag))), cancellationToken));

    [Function("ListTickets")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets")] HttpRequest request, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var parameters = new TicketListParameters(q["status"], q["priority"], q["assigneeId"], q["requesterId"], q["category"], q["q"],
            q["createdFrom"], q["createdTo"], q["sort"], q["limit"], q["cursor"], q["includeTotal"], q["sla"]);
        return Api.From(await tickets.ListAsync(parameters, cancellationToken), page => Api.Ok(page.Map(views.Of)));
    }

    [Function("GetTicket")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.GetAsync(id, cancellationToken), Ok);

    [Function("UpdateTicket")]
    [Access(Who.SignedIn)]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateTicketRequest>(cancellationToken, async input =>
            Api.From(await tickets.UpdateAsync(id, input, request.IfMatch(), cancellationToken), Ok));

    [Function("DeleteTicket")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "tickets/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.DeleteAsync(id, request.IfMatch(), cancellationToken), Api.NoContent);

    [Function("AssignTicket")]
    [Access(Who.SignedIn)]
    public Task<IActionResult> Assign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/assignee")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<AssignRequest>(cancellationToken, async input =>
            Api.From(await tickets.AssignAsync(id, input, request.IfMatch(), cancellationToken), Ok));

    [Function("ChangeTicketStatus")]
    [Access(Who.SignedIn)]
    public Task<IActionResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tickets/{id}/status")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<StatusChangeRequest>(cancellationToken, async input =>
            Api.From(await tickets.ChangeStatusAsync(id, input, request.IfMatch(), cancellationToken), Ok));

    [Function("TicketTransitions")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> Transitions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/transitions")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.TransitionsAsync(id, cancellationToken), Api.Ok);

    [Function("TicketSla")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> Sla(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/sla")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.SlaAsync(id, cancellationToken), Api.Ok);

    [Function("TicketHistory")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/history")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.HistoryAsync(id, request.Query["limit"], request.Query["cursor"], cancellationToken), Api.Ok);

    [Function("ListComments")]
    [Access(Who.SignedIn)]
    public async Task<IActionResult> ListComments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/comments")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await tickets.ListCommentsAsync(id, request.Query["limit"], request.Query["cursor"], cancellationToken), Api.Ok);

    [Function("AddComment")]
    [Access(Who.SignedIn)]
    public Task<IActionResult> AddComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/comments")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CommentRequest>(cancellationToken, input =>
            idempotency.RunAsync(request, $"comment:{id}", input, async () =>
                Api.From(await tickets.CommentAsync(id, input, cancellationToken),
                    c => Api.Created($"/api/tickets/{c.TicketId}/comments/{c.Id}", c)), cancellationToken));

    private IActionResult Ok(Ticket ticket) => Api.Ok(views.Of(ticket), ticket.ETag);
}
