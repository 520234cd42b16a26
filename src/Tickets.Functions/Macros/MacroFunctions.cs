using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Macros;
using Tickets.Tickets;

namespace Tickets.Functions.Macros;

/// <summary>
/// Canned responses for staff: personal ones are their owner's alone (404 to anyone else), shared ones every staff member
/// reads and only admins change (403). Applying one is a change to the ticket under the comment's own rules.
/// </summary>
public sealed class MacroFunctions(MacroService macros, TicketViews views, IdempotentRequests idempotency)
{
    [Function("ListMacros")]
    [Access(Who.Staff)]
    [Returns(200, typeof(MacroList))]
    [Description("The caller's personal macros and every shared one, by name.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "macros")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(new MacroList(await macros.ListAsync(cancellationToken)));

    [Function("CreateMacro")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(CreateMacroRequest))]
    [Returns(201, typeof(Macro), Headers = ResponseHeaders.Location | ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden)]
    [Description("Creates a macro; an unknown {{placeholder}} in body is a 400 listing the allowed ones. Only admins make shared ones.")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "macros")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateMacroRequest>(cancellationToken, async input =>
            Api.From(await macros.CreateAsync(input, cancellationToken),
                macro => Api.Created($"/api/macros/{macro.Id}", macro, Preconditions.Quote(macro.ETag))));

    [Function("GetMacro")]
    [Access(Who.Staff)]
    [Returns(200, typeof(Macro), Headers = ResponseHeaders.ETag)]
    [Description("One macro: the caller's own, or a shared one.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "macros/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await macros.GetAsync(id, cancellationToken), macro => Api.Ok(macro, macro.ETag));

    [Function("UpdateMacro")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(UpdateMacroRequest), Headers = RequestHeaders.IfMatch)]
    [Returns(200, typeof(Macro), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.PreconditionFailed)]
    [Description("Changes a macro; absent fields stay, \"\" clears setStatus or setPriority. A shared macro is changed by admins only.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "macros/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateMacroRequest>(cancellationToken, async input =>
            Api.From(await macros.UpdateAsync(id, input, request.IfMatch(), cancellationToken), macro => Api.Ok(macro, macro.ETag)));

    [Function("DeleteMacro")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(Headers = RequestHeaders.IfMatch)]
    [Returns(204)]
    [Fails(ErrorKind.Forbidden, ErrorKind.PreconditionFailed)]
    [Description("Deletes a macro; a shared one is deleted by admins only.")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "macros/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await macros.DeleteAsync(id, request.IfMatch(), cancellationToken), Api.NoContent);

    [Function("ApplyMacro")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(Headers = RequestHeaders.IdempotencyKey | RequestHeaders.IfMatch)]
    [Returns(200, typeof(TicketView), Headers = ResponseHeaders.ETag)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict, ErrorKind.Unprocessable, ErrorKind.PreconditionFailed)]
    [Description("Applies a macro to the ticket: its body with the placeholders filled in as a comment (an internal note if the macro is "
        + "internal), with its status and priority, as one change under the rules of POST /tickets/{id}/comments. Answers the ticket. "
        + "With an Idempotency-Key a retry applies it once.")]
    public Task<IActionResult> Apply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/macros/{macroId}")] HttpRequest request, string id, string macroId,
        CancellationToken cancellationToken) =>
        idempotency.RunAsync(request, "apply-macro", new { id, macroId }, async commentId =>
        {
            var applied = await macros.ApplyAsync(id, macroId, commentId, request.IfMatch(), cancellationToken);
            return applied.IsSuccess ? Api.Ok(await views.OfAsync(applied.Value, cancellationToken), applied.Value.ETag) : Api.Problem(applied.Error!);
        }, cancellationToken);
}
