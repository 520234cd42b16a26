using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.Attachments;

/// <summary>
/// Files on tickets and comments (docs/attachments.md): an upload belongs to its uploader until a ticket or comment
/// references it (<c>attachmentIds</c>); reading one is authorized on every call (404 for anything the caller may not
/// see) and answered with a short-lived read-only link to that one blob, never with the bytes through the API.
/// </summary>
public sealed class AttachmentFunctions(AttachmentService attachments, AttachmentSweep sweep, IOptions<AttachmentOptions> options)
{
    [Function("UploadAttachment")]
    [Access(Who.SignedIn, Writes = true)]
    [Accepts(typeof(FileForm), MediaType = FileForm.MediaType)]
    [Returns(201, typeof(UploadView), Headers = ResponseHeaders.Location)]
    [Description("Stores a file of the caller, to be referenced by attachmentIds on a new ticket or comment; removed after "
        + "Tickets:Attachments:UnreferencedLifetime (24 h) unless referenced. The kind comes from the content's signature (415 naming file "
        + "for html, svg, scripts, executables and anything unknown), the size is counted while it streams (413 past Tickets:Attachments:MaxBytes, "
        + "10 MiB; nothing kept), the name loses any folders.")]
    public Task<IActionResult> Upload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "attachments")] HttpRequest request, CancellationToken cancellationToken) =>
        request.WithFileAsync(options.Value.MaxBytes,
            (content, fileName) => attachments.UploadAsync(content, fileName, cancellationToken),
            upload => attachments.DeleteAsync(upload.Id, CancellationToken.None),
            upload => Api.Created($"/api/attachments/{upload.Id}", upload.ToView()));

    [Function("GetAttachment")]
    [Access(Who.SignedIn)]
    [Returns(302, Headers = ResponseHeaders.Location)]
    [Description("Redirects to the file's bytes: a read-only link to that one blob, valid at most 5 minutes, answered with the file's "
        + "type and a Content-Disposition (inline for images and pdf, else attachment). A browser cannot send a token on <img src>: "
        + "use GET /attachments/{id}/link there.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "attachments/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await attachments.LinkAsync(id, cancellationToken), link => Api.Found(link.Url));

    [Function("GetAttachmentLink")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(AttachmentLink))]
    [Description("The same link as GET /attachments/{id} redirects to, and when it stops working: for thumbnails, the viewer and download links.")]
    public async Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "attachments/{id}/link")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await attachments.LinkAsync(id, cancellationToken), Api.Ok);

    [Function("DeleteAttachment")]
    [Access(Who.SignedIn, Writes = true)]
    [Returns(204)]
    [Description("Removes the caller's own upload that no ticket or comment references; anything else is 404 (attached files stay with their ticket).")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "attachments/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await attachments.DeleteAsync(id, cancellationToken), Api.NoContent);

    [Function("ListTicketAttachments")]
    [Access(Who.SignedIn)]
    [Returns(200, typeof(Page<Attachment>))]
    [Description("The files on the ticket and its comments that the caller may see (a requester never sees internal ones), oldest first.")]
    public async Task<IActionResult> ListForTicket(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}/attachments")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await attachments.ListAsync(id, cancellationToken), Api.Ok);

    /// <summary>Removes uploads left unreferenced and settles claims a crash left unconfirmed.</summary>
    [Function("AttachmentSweep")]
    public Task Sweep([TimerTrigger("%Tickets:Attachments:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
