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
    [Accepts(Query = typeof(NotificationListParameters))]
    [Returns(200, typeof(NotificationPage))]
    [Description("The caller's notifications, newest first, with the unread count (the bell).")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "notifications")] HttpRequest request, CancellationToken cancellationToken) =>
        Api.From(await notifications.ListAsync(request.QueryAs<NotificationListParameters>(), cancellationToken), Api.Ok);

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
