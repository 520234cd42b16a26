using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Identity;
using Tickets.Tickets;
using Tickets.Users;

namespace Tickets.Inbound;

/// <summary>A file a mail brought, as its sender named it.</summary>
public sealed record MailFile(string FileName, ReadOnlyMemory<byte> Content);

/// <summary>
/// What the e-mail channel does as the sender of a message, through the same services (and so the same rules, visibility
/// and history) as the web: every call runs in a scope of its own signed in as <c>sender</c> on <see cref="Channel.Email"/>.
/// </summary>
public interface IInboundDesk
{
    /// <summary>The ticket (by id or TCK number) if the sender may see it; not found otherwise.</summary>
    Task<Result<Ticket>> FindTicketAsync(User sender, string idOrNumber, CancellationToken cancellationToken);

    /// <summary>Opens the ticket <paramref name="id"/> (or answers it, when it was opened already) with the files the ticket writer takes.</summary>
    Task<Result<Ticket>> CreateTicketAsync(User sender, string id, string title, string description, IReadOnlyList<MailFile> files, CancellationToken cancellationToken);

    /// <summary>Writes the public comment <paramref name="id"/> on the ticket (or answers it, when it was written already).</summary>
    Task<Result<TicketChange>> CommentAsync(User sender, string ticketId, string id, string body, IReadOnlyList<MailFile> files, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IInboundDesk"/> over <see cref="TicketService"/> and <see cref="AttachmentService"/>. Files are uploaded as
/// the sender only when the ticket or comment is still to be made (a redelivery uploads nothing); a file the attachments
/// feature refuses (its kind, its size, its name) is left out, not fatal.
/// </summary>
public sealed partial class SenderDesk(IServiceScopeFactory scopes, ILogger<SenderDesk> logger) : IInboundDesk
{
    /// <summary>The most files one ticket or comment takes (as the web's).</summary>
    public const int MaxFiles = 10;

    public async Task<Result<Ticket>> FindTicketAsync(User sender, string idOrNumber, CancellationToken cancellationToken)
    {
        await using var scope = SignedIn(sender);
        return await scope.ServiceProvider.GetRequiredService<TicketService>().GetAsync(idOrNumber, cancellationToken);
    }

    public async Task<Result<Ticket>> CreateTicketAsync(
        User sender, string id, string title, string description, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        await using var scope = SignedIn(sender);
        var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
        if (await tickets.GetAsync(id, cancellationToken) is { IsSuccess: true } made) return made;
        var uploads = await UploadAsync(scope.ServiceProvider, sender, files, cancellationToken);
        return await tickets.CreateAsync(new CreateTicketRequest(title, description, AttachmentIds: uploads), id, cancellationToken);
    }

    public async Task<Result<TicketChange>> CommentAsync(
        User sender, string ticketId, string id, string body, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        await using var scope = SignedIn(sender);
        var tickets = scope.ServiceProvider.GetRequiredService<TicketService>();
        var written = await tickets.GetCommentAsync(ticketId, id, cancellationToken);
        var uploads = written.IsSuccess ? null : await UploadAsync(scope.ServiceProvider, sender, files, cancellationToken);
        return await tickets.CommentAsync(ticketId, new CommentRequest(body, Internal: false, AttachmentIds: uploads), id, null, cancellationToken);
    }

    private AsyncServiceScope SignedIn(User sender)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SignIn(sender, Channel.Email);
        return scope;
    }

    private async Task<IReadOnlyList<string>?> UploadAsync(IServiceProvider services, User sender, IReadOnlyList<MailFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return null;
        var attachments = services.GetRequiredService<AttachmentService>();
        var ids = new List<string>();
        foreach (var file in files.Take(MaxFiles))
        {
            await using var content = new MemoryStream(file.Content.ToArray(), writable: false);
            var upload = await attachments.UploadAsync(content, file.FileName, cancellationToken);
            if (upload.IsSuccess) ids.Add(upload.Value.Id);
            else LogFileRefused(logger, sender.Id, upload.Error!.Code);
        }

        return ids.Count > 0 ? ids : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A file mailed by {UserId} was left out: {Code}")]
    private static partial void LogFileRefused(ILogger logger, string userId, string code);
}
