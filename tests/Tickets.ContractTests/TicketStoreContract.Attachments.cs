using Tickets.Attachments;
using Tickets.Common;
using Tickets.Tickets;

namespace Tickets.ContractTests;

/// <summary>Files on tickets: their records are written with the change that attached them, and embedded where they came.</summary>
public abstract partial class TicketStoreContract
{
    private Upload NewUpload(string fileName, Actor? by = null)
    {
        var uploader = by ?? Requester;
        return new Upload(Guid.NewGuid().ToString("N"), fileName, "image/png", 4096, new string('b', 64),
            new EventActor(uploader.Id, uploader.Name), Time.GetUtcNow());
    }

    private async Task<Ticket> NewTicketWithFilesAsync(params Upload[] uploads)
    {
        var change = Ticket.Create(Guid.NewGuid().ToString("N"), await Tickets.NextNumberAsync(),
            new CreateTicketRequest("Pantallazo del error", "Adjunto capturas.", "medium"), Requester, Rules, Time.GetUtcNow(), uploads: uploads).Value;
        return (await Tickets.CreateAsync(change))!;
    }

    private Task<IReadOnlyList<Attachment>> FilesOfAsync(Ticket ticket, bool includeInternal = true) =>
        Tickets.ListAttachmentsAsync(ticket.Id, includeInternal);

    [StoreFact]
    public async Task ATicketOpenedWithFilesListsFindsAndEmbedsThem()
    {
        var (first, second) = (NewUpload("uno.png"), NewUpload("dos.pdf"));

        var created = await NewTicketWithFilesAsync(first, second);

        var expected = new[] { first, second }.Select(u => Attachment.Of(u, created.Id, commentId: null, isInternal: false)).ToList();
        Assert.Equal(expected, await FilesOfAsync(created));
        Assert.Equal(expected, created.Attachments);
        Assert.Equal(created, await Tickets.FindAsync(created.Id));
        Assert.Equal(expected[1], await Tickets.FindAttachmentAsync(created.Id, second.Id));
    }

    [StoreFact]
    public async Task ATicketCreatedWithTheNextNumberWritesItsFilesToo()
    {
        var upload = NewUpload("captura.png");

        var created = await Tickets.CreateAsync(number => Ticket.Create(Guid.NewGuid().ToString("N"), number,
            new CreateTicketRequest("Sin red", "Adjunto captura.", null), Requester, Rules, Time.GetUtcNow(), uploads: [upload]).Value);

        Assert.Equal([upload.Id], (await FilesOfAsync(created!)).Select(a => a.Id));
        Assert.Equal(created, await Tickets.FindAsync(created!.Id));
    }

    [StoreFact]
    public async Task AFileIsFoundWithinItsTicketOnly()
    {
        var upload = NewUpload("captura.png");
        var ticket = await NewTicketWithFilesAsync(upload);
        var other = await NewTicketAsync("Otro ticket");

        Assert.Null(await Tickets.FindAttachmentAsync(other.Id, upload.Id));
        Assert.Null(await Tickets.FindAttachmentAsync(ticket.Id, Guid.NewGuid().ToString("N")));
        Assert.Empty(await FilesOfAsync(other));
    }

    [StoreFact]
    public async Task ACommentsFilesAreEmbeddedInItAndListedAfterTheTicketsOwn()
    {
        var opening = NewUpload("inicio.png");
        var ticket = await NewTicketWithFilesAsync(opening);
        var (log, photo) = (NewUpload("registro.log", Technician), NewUpload("foto.jpg", Technician));
        var change = ticket.AddComment(Technician, "comment-files", new CommentRequest("Adjunto el registro."), Rules, Time.GetUtcNow(), [log, photo]).Value;

        await Tickets.SaveAsync(change, ticket.ETag);

        Assert.Equal([opening.Id, log.Id, photo.Id], (await FilesOfAsync(ticket)).Select(a => a.Id));
        var comment = await Tickets.FindCommentAsync(ticket.Id, "comment-files");
        Assert.Equal(change.Comment!.Attachments, comment!.Attachments);
        Assert.All(comment.Attachments, a => Assert.Equal(("comment-files", false), (a.CommentId, a.Internal)));
        Assert.Equal(change.Comment.Attachments,
            Assert.Single((await Tickets.ListCommentsAsync(ticket.Id, false, new PageRequest(10, null, false))).Items).Attachments);
        Assert.Equal(change.Comment.Attachments[0], await Tickets.FindAttachmentAsync(ticket.Id, log.Id));
    }

    [StoreFact]
    public async Task AnInternalNotesFilesAreListedOnlyWhenAsked()
    {
        var ticket = await NewTicketWithFilesAsync(NewUpload("publico.png"));
        var secret = NewUpload("interno.pdf", Technician);
        var note = ticket.AddComment(Technician, "note-files", new CommentRequest("Nota interna", Internal: true), Rules, Time.GetUtcNow(), [secret]).Value;
        await Tickets.SaveAsync(note, ticket.ETag);

        var forStaff = await FilesOfAsync(ticket, includeInternal: true);
        var forRequester = await FilesOfAsync(ticket, includeInternal: false);

        Assert.Equal(2, forStaff.Count);
        Assert.True(Assert.Single(forStaff, a => a.Id == secret.Id).Internal);
        Assert.DoesNotContain(forRequester, a => a.Id == secret.Id);
        Assert.Single(forRequester);
        // Found by id either way: who may see it is the caller's to decide (the record says it is internal).
        Assert.True((await Tickets.FindAttachmentAsync(ticket.Id, secret.Id))!.Internal);
    }

    [StoreFact]
    public async Task ASaveRefusedAsStaleWritesNoFileRecords()
    {
        var ticket = await NewTicketAsync();
        var first = ticket.Edit(Admin, new UpdateTicketRequest(Title: "Primer cambio"), Rules, Time.GetUtcNow()).Value;
        var upload = NewUpload("tarde.png");
        var stale = ticket.AddComment(Requester, "late-comment", new CommentRequest("Con adjunto"), Rules, Time.GetUtcNow(), [upload]).Value;
        await Tickets.SaveAsync(first, ticket.ETag);

        var refused = await Tickets.SaveAsync(stale, ticket.ETag);

        Assert.Null(refused);
        Assert.Empty(await FilesOfAsync(ticket));
        Assert.Null(await Tickets.FindAttachmentAsync(ticket.Id, upload.Id));
        Assert.Null(await Tickets.FindCommentAsync(ticket.Id, "late-comment"));
    }
}
