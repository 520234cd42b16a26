using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tickets.Common;
using Tickets.Functions.Http;
using Tickets.Notifications;

namespace Tickets.Functions.Notifications;

/// <summary>The caller's in-app notifications: the bell's count and list, read one, read all.</summary>
public sealed class NotificationFunctions(NotificationService notifications)
{
    [Function("ListNotifications")]
    [Access(Who.SignedIn)]
    [Accepts(Query = typeof(NotificationListParameters), Headers = RequestHeaders.IfNoneMatch)]
    [Returns(200, typeof(NotificationPage), Headers = ResponseHeaders.ETag)]
    [Returns(304, Headers = ResponseHeaders.ETag)]
    [Description("The caller's notifications, newest first, with the unread count (the bell). The weak ETag sent back in If-None-Match "
        + "answers 304 while the page and the count are unchanged.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "notifications")] HttpRequest request, CancellationToken cancellationToken)
    {
        var listed = await notifications.ListAsync(request.QueryAs<NotificationListParameters>(), cancellationToken);
        if (!listed.IsSuccess) return Api.Problem(listed.Error!);
        var page = listed.Value;
        return await Api.ConditionalAsync(request, Tag(page), () => Task.FromResult<object>(page));
    }

    /// <summary>
    /// The page's weak tag from what it shows (the texts as rendered for the caller, so a change of language or wording
    /// counts), without serialising it.
    /// </summary>
    private static string Tag(NotificationPage page)
    {
        using var tag = new WeakETag("notifications").Add(page.UnreadCount).Add(page.NextCursor);
        foreach (var n in page.Items)
            tag.Add(n.Id).Add(n.RecipientId).Add(Json.EnumName(n.Type)).Add(n.TicketId).Add(n.TicketNumber).Add(n.Title).Add(n.Message).Add(n.CreatedAt).Add(n.ReadAt);
        return tag.Build();
    }

    [Function("ReadNotification")]
    [Access(Who.SignedIn, Writes = true)]
    [Returns(204)]
    [Description("Marks one of the caller's notifications read; another person's is a 404.")]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/{id}/read")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Api.From(await notifications.MarkReadAsync(id, cancellationToken), Api.NoContent);

    [Function("ReadAllNotifications")]
    [Access(Who.SignedIn, Writes = true)]
    [Returns(204)]
    [Description("Marks every notification of the caller read.")]
    public async Task<IActionResult> ReadAll(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "notifications/read-all")] HttpRequest request, CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(cancellationToken);
        return Api.NoContent();
    }
}
