using Tickets.Common;
using Microsoft.Extensions.Options;
using Tickets.Identity;
using Tickets.Users;

namespace Tickets.Notifications;

/// <summary>
/// The signed-in caller's inbox: <c>GET /notifications</c>, read one, read all. Another person's notification is a 404.
/// Each notification's sentence is written as it is read, in the caller's current language and time zone.
/// </summary>
public sealed class NotificationService(
    INotificationStore store, CurrentUser me, SignedCursors cursors, IOptions<UserOptions> userOptions, TimeProvider time)
{
    public async Task<Result<NotificationPage>> ListAsync(NotificationListParameters parameters, CancellationToken cancellationToken)
    {
        var (unread, limit, cursor) = parameters;
        var v = new Validator();
        var unreadOnly = false;
        if (!string.IsNullOrEmpty(unread) && !bool.TryParse(unread, out unreadOnly)) v.Add("unread", FieldCodes.NotBoolean, "Must be true or false.");
        // Signed for this caller's inbox and filter, like every list's cursor: a tampered or borrowed one is a 400 naming it.
        var list = SignedCursors.Filtered($"notifications:{me.Id}", unreadOnly);
        var page = cursors.Open(v, list, PageRequest.Parse(v, limit, cursor, null));
        if (v.ToError() is { } invalid) return invalid;

        var items = cursors.Sign(list, await store.ListAsync(me.Id, unreadOnly, page, cancellationToken));
        var count = await store.CountUnreadAsync(me.Id, cancellationToken);
        var reader = Reader.Of(me.User.Language, me.User.TimeZone, userOptions.Value.DefaultTimeZone);
        return new NotificationPage([.. items.Items.Select(n => n.ReadBy(reader))], items.NextCursor, count);
    }

    public async Task<Result> MarkReadAsync(string id, CancellationToken cancellationToken) =>
        await store.MarkReadAsync(me.Id, id, time.GetUtcNow(), cancellationToken) ? Result.Success : Error.NotFound("notification");

    public async Task MarkAllReadAsync(CancellationToken cancellationToken) =>
        await store.MarkAllReadAsync(me.Id, time.GetUtcNow(), cancellationToken);
}
