using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.SavedViews;

namespace Tickets.Functions.Views;

/// <summary>
/// Saved views of the ticket list (staff): personal ones are their owner's alone (404 for anyone else), shared ones every
/// staff member sees and only admins change (403). A tab's count is the list's own total:
/// <c>GET /tickets?{query}&amp;limit=1&amp;includeTotal=true</c>.
/// </summary>
public sealed class SavedViewFunctions(SavedViewService views)
{
    [Function("ListSavedViews")]
    [Access(Who.Staff)]
    [Returns(200, typeof(SavedViewList))]
    [Description("The shared saved views and the caller's own, by name.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "views")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.Ok(await views.ListAsync(cancellationToken));

    [Function("CreateSavedView")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(CreateSavedViewRequest))]
    [Returns(201, typeof(SavedView), Headers = ResponseHeaders.Location)]
    [Fails(ErrorKind.Forbidden, ErrorKind.Conflict)]
    [Description("Saves a view: a name (1-60) and the ticket list's query string, read as GET /tickets reads it (an unknown parameter "
        + "or value is a 400 naming query; a cursor is dropped). Shared views are for admins (403); 409 past 50 personal views.")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "views")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithJsonAsync<CreateSavedViewRequest>(cancellationToken, async input =>
            Api.From(await views.CreateAsync(input, cancellationToken), view => Api.Created($"/api/views/{view.Id}", view)));

    [Function("UpdateSavedView")]
    [Access(Who.Staff, Writes = true)]
    [Accepts(typeof(UpdateSavedViewRequest))]
    [Returns(200, typeof(SavedView))]
    [Fails(ErrorKind.Forbidden)]
    [Description("Renames a view or changes its query; absent fields stay. Another's personal view is a 404; a shared one is for admins (403).")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "views/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        request.WithJsonAsync<UpdateSavedViewRequest>(cancellationToken, async input =>
            Api.From(await views.UpdateAsync(id, input, cancellationToken), Api.Ok));

    [Function("DeleteSavedView")]
    [Access(Who.Staff, Writes = true)]
    [Returns(204)]
    [Fails(ErrorKind.Forbidden)]
    [Description("Deletes a view. Another's personal view is a 404; a shared one is for admins (403).")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "views/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await views.DeleteAsync(id, cancellationToken), Api.NoContent);
}
